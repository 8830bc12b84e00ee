import {
  createExecutionContext,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import type { ClickGuard } from "../src/objects/click-guard";
import { api, ORIGIN, postback, rowCount, setupClick } from "./helpers";
import { spyD1 } from "./support/d1-spy";
import { failInserts } from "./support/faults";

const fields = (key: string, aecid: string, id: string, extra: Record<string, string> = {}) => ({
  key,
  id,
  amount: "10.00",
  currency: "EUR",
  cids: aecid,
  ...extra,
});

async function nothingMade(
  programId: string,
  orderId: string,
  aecid: string | null,
  customer?: string,
) {
  expect(
    await rowCount(
      "SELECT count(*) AS n FROM conversions WHERE program_id = ?1 AND order_id = ?2",
      programId,
      orderId,
    ),
  ).toBe(0);
  expect(
    await rowCount(
      "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1 AND outcome = 'registered'",
      programId,
    ),
  ).toBe(0);
  if (customer) {
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM customer_bindings WHERE program_id = ?1 AND customer = ?2",
        programId,
        customer,
      ),
    ).toBe(0);
  }
  if (aecid) {
    const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
    expect(
      await runInDurableObject(guard, (instance: ClickGuard) => instance.decision()),
    ).toBeNull();
  }
}

/** Calls the Worker with some bindings swapped, the seam every binding goes through. */
async function postbackWith(overrides: Partial<Env>, query: Record<string, string>) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/?${new URLSearchParams(query)}`),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

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
        register: () =>
          Promise.reject(new Error("Durable Object reset because its code was updated.")),
      }),
    } as unknown as Env["CLICK_GUARD"];
    const failed = await postbackWith({ CLICK_GUARD: unreachable }, fields(key, aecid, "fd-1"));
    expect(failed.status).toBe(503);
    await nothingMade(program.id, "fd-1", aecid);
    expect((await postback(fields(key, aecid, "fd-1"))).status).toBe(201);
  });

  it("answers 201, not 503, when the Durable Object registered but its answer was lost", async () => {
    const { key, aecid, program } = await setupClick();
    const answerLost = {
      idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
      get: (id: DurableObjectId) => ({
        register: async (...args: Parameters<ClickGuard["register"]>) => {
          await env.CLICK_GUARD.get(id).register(...args);
          throw new Error("Network connection lost.");
        },
      }),
    } as unknown as Env["CLICK_GUARD"];
    // The failed call is checked against D1, which holds this very conversion: it was registered.
    const lost = await postbackWith({ CLICK_GUARD: answerLost }, fields(key, aecid, "fl-1"));
    expect(lost.status).toBe(201);
    expect(lost.body.status).toBe("registered");
    const retry = await postback(fields(key, aecid, "fl-1"));
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...lost.body, status: "duplicate", replay: true });
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
  });

  it("answers 201, not 503, when the object's answer is lost before its write commits", async () => {
    const { key, aecid, program } = await setupClick();
    // The call fails at once, while the object's write lands only later: a recheck made at once
    // would find nothing and answer 503 over a registration.
    const lostEarly = {
      idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
      get: (id: DurableObjectId) => ({
        register: async (...args: Parameters<ClickGuard["register"]>) => {
          setTimeout(() => void env.CLICK_GUARD.get(id).register(...args), 500);
          throw new Error("Network connection lost.");
        },
      }),
    } as unknown as Env["CLICK_GUARD"];
    const answer = await postbackWith({ CLICK_GUARD: lostEarly }, fields(key, aecid, "fe-1"));
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe("registered");
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
    const retry = await postback(fields(key, aecid, "fe-1"));
    expect(retry.status).toBe(200);
  });

  it("re-learns the decision from D1 when the Durable Object lost it (isolate died between steps)", async () => {
    const { key, aecid, program } = await setupClick();
    const first = await postback(fields(key, aecid, "fi-1"));
    expect(first.status).toBe(201);
    const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
    await runInDurableObject(guard, (_instance, state) => {
      state.storage.kv.delete("conversion");
    });
    const retry = await postback(fields(key, aecid, "fi-1"));
    expect(retry.status).toBe(200);
    const other = await postback(fields(key, aecid, "fi-2"));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("click_already_converted");
    expect(
      await runInDurableObject(guard, (instance: ClickGuard) => instance.decision()?.orderId),
    ).toBe("fi-1");
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
  });
});
