import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clickDb } from "../../src/storage/shards";
import { api, call, postback, rowCount, setupClick } from "../support/helpers";
import { fieldsFor } from "../support/postbacks";

describe("replays are judged on what was stored", () => {
  it("stay replays after the voucher is reassigned or the window shrinks", async () => {
    const { key, aecid, program, partner } = await setupClick();
    const bob = await api("POST", "/partners", { name: "Bob" });
    await api("POST", `/programs/${program.id}/vouchers`, { code: "KEEP", partner_id: partner.id });
    const byVoucher = await postback({
      key,
      id: "rv-1",
      amount: "5",
      currency: "EUR",
      voucher: "KEEP",
    });
    const byClick = await postback(fieldsFor(key, aecid, "rc-1"));
    expect([byVoucher.status, byClick.status]).toEqual([201, 201]);
    await api("POST", `/programs/${program.id}/vouchers`, {
      code: "KEEP",
      partner_id: bob.body.id,
    });
    await api("PATCH", `/programs/${program.id}`, { attribution_window_days: 1 });
    await clickDb(env, aecid)
      .prepare("UPDATE clicks SET created_at = created_at - 86400000 * 3 WHERE id = unhex(?1)")
      .bind(aecid)
      .run();
    const voucherRetry = await postback({
      key,
      id: "rv-1",
      amount: "5",
      currency: "EUR",
      voucher: "KEEP",
    });
    expect(voucherRetry.status).toBe(200);
    expect(voucherRetry.body.partner_id).toBe(partner.id);
    expect((await postback(fieldsFor(key, aecid, "rc-1"))).status).toBe(200);
  });
});

describe("what a postback may not do", () => {
  it("registers nothing on HEAD", async () => {
    const { key, aecid, program } = await setupClick();
    const query = new URLSearchParams(fieldsFor(key, aecid, "head-1")).toString();
    expect((await call(`/?${query}`, { method: "HEAD" })).status).toBe(405);
    expect((await call(`/postback?${query}`, { method: "HEAD" })).status).toBe(405);
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(0);
  });

  it("refuses an order id sent as a JSON number that has lost digits", async () => {
    const { key, aecid } = await setupClick();
    const response = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `{"key":"${key}","id":12345678901234567891,"amount":"1","currency":"EUR","cids":"${aecid}"}`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.fields).toHaveProperty("id");
    const small = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `{"key":"${key}","id":12345,"amount":"1","currency":"EUR","cids":"${aecid}"}`,
    });
    expect(small.status).toBe(201);
  });

  it("answers 400, never 5xx, to objects in fields and to a broken multipart body", async () => {
    const { key, program } = await setupClick();
    const objects = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        key,
        id: "o-1",
        currency: "EUR",
        cv: { toString: 1 },
        customer: [{ a: 1 }],
      }),
    });
    expect(objects.status).toBe(400);
    const wrongKey = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        key: `${program.id}-${"0".repeat(24)}`,
        id: "o-2",
        currency: "EUR",
        cv: { toString: 1 },
      }),
    });
    expect(wrongKey.status).toBe(401);
    const multipart = await call(`/postback?key=${key}`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      body: "--xyz\r\nnot a part",
    });
    expect(multipart.status).toBe(400);
  });
});
