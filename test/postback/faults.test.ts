import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { spyD1 } from "../support/d1-spy";
import { failInserts } from "../support/faults";
import { api, postback, rowCount, setupClick } from "../support/helpers";
import { fields, nothingMade, postbackWith } from "../support/postbacks";

describe("postback under injected faults", () => {
  for (const table of ["conversions", "customer_bindings", "postback_log"]) {
    it(`answers 503 and makes nothing when the ${table} write fails, then a retry registers once`, async () => {
      const { key, aecid, program } = await setupClick({ revenue_share: true });
      const heal = await failInserts(table);
      try {
        const failed = await postback(fields(key, aecid, "f-1", { customer: "cust-f" }));
        expect(failed.status).toBe(503);
        expect(failed.body.error.code).toBe("temporarily_unavailable");
        expect(Number(failed.headers.get("Retry-After"))).toBeGreaterThan(0);
        await nothingMade(program.id, "f-1", aecid, "cust-f");
      } finally {
        await heal();
      }
      const retry = await postback(fields(key, aecid, "f-1", { customer: "cust-f" }));
      expect(retry.status).toBe(201);
      const again = await postback(fields(key, aecid, "f-1", { customer: "cust-f" }));
      expect(again.status).toBe(200);
      expect(
        await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
      ).toBe(1);
      expect(
        await rowCount(
          "SELECT count(*) AS n FROM customer_bindings WHERE program_id = ?1",
          program.id,
        ),
      ).toBe(1);
    });
  }

  it("answers 503 for a voucher conversion whose write fails, then registers it on retry", async () => {
    const { key, program, partner } = await setupClick();
    await api("POST", `/programs/${program.id}/vouchers`, {
      code: "FAULT",
      partner_id: partner.id,
    });
    const heal = await failInserts("conversions");
    try {
      expect(
        (await postback({ key, id: "fv-1", amount: "3", currency: "EUR", voucher: "FAULT" }))
          .status,
      ).toBe(503);
      await nothingMade(program.id, "fv-1", null);
    } finally {
      await heal();
    }
    expect(
      (await postback({ key, id: "fv-1", amount: "3", currency: "EUR", voucher: "FAULT" })).status,
    ).toBe(201);
  });

  it("answers 503 when the D1 read fails, and registers nothing", async () => {
    const { key, aecid, program } = await setupClick();
    const spy = spyD1(env.DB);
    spy.failWhen(/FROM programs/, new Error("D1_ERROR: Network connection lost."));
    const failed = await postbackWith({ DB: spy.db }, fields(key, aecid, "fr-1"));
    expect(failed.status).toBe(503);
    await nothingMade(program.id, "fr-1", aecid);
    expect((await postback(fields(key, aecid, "fr-1"))).status).toBe(201);
  });

  it("answers 503 when the click's Durable Object cannot be reached, and registers nothing", async () => {
    const { key, aecid, program } = await setupClick();
    const unreachable = {
      idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
      get: () => ({
        claim: () =>
          Promise.reject(new Error("Durable Object reset because its code was updated.")),
      }),
    } as unknown as Env["CLICK_GUARD"];
    const failed = await postbackWith({ CLICK_GUARD: unreachable }, fields(key, aecid, "fd-1"));
    expect(failed.status).toBe(503);
    await nothingMade(program.id, "fd-1", aecid);
    expect((await postback(fields(key, aecid, "fd-1"))).status).toBe(201);
  });
});
