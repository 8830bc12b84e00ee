import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, call, insertClickAt, postback, rowCount, setupClick } from "./helpers";

const fieldsFor = (key: string, aecid: string, id: string) => ({
  key,
  id,
  amount: "99.90",
  currency: "EUR",
  cids: aecid,
});

describe("single registration", () => {
  it("answers an exact replay with the original body", async () => {
    const { key, aecid } = await setupClick({ auto_approve: true });
    const first = await postback(fieldsFor(key, aecid, "s-1"));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "registered",
      attribution: "click",
      amount: 9990,
      commission: 999,
      conversion_status: "approved",
    });
    const replay = await postback({ ...fieldsFor(key, aecid, "s-1"), amount: "1.00" });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ...first.body, status: "duplicate", replay: true });
  });

  it("answers 409 click_already_converted for another id on the same click", async () => {
    const { key, aecid } = await setupClick();
    const first = await postback(fieldsFor(key, aecid, "c-1"));
    const second = await postback(fieldsFor(key, aecid, "c-2"));
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "click_already_converted",
      click_id: aecid,
      conversion_id: first.body.conversion_id,
    });
  });

  it("answers 409 conversion_id_conflict for the same id with another attribution", async () => {
    const one = await setupClick();
    const two = await setupClick();
    const key = one.key;
    const other = await api("POST", "/links", {
      program_id: one.program.id,
      partner_id: two.partner.id,
    });
    const visit = await postback(fieldsFor(key, one.aecid, "x-1"));
    expect(visit.status).toBe(201);
    const otherClick = await insertClickAt(other.body as any, Date.now() - 1000);
    const conflict = await postback(fieldsFor(key, otherClick, "x-1"));
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({
      code: "conversion_id_conflict",
      conversion_id: visit.body.conversion_id,
    });
  });

  it("races 200 identical postbacks into one 201 and 199 replays, one row", async () => {
    const { key, aecid, program } = await setupClick();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => postback(fieldsFor(key, aecid, "race-1"))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(199);
    const ids = new Set(answers.map((a) => a.body.conversion_id));
    expect(ids.size).toBe(1);
    expect(
      await rowCount("SELECT count(*) AS n FROM conversions WHERE program_id = ?1", program.id),
    ).toBe(1);
  });

  it("races 100 different ids for one click into one 201 and 99 × 409", async () => {
    const { key, aecid } = await setupClick();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => postback(fieldsFor(key, aecid, `many-${i}`))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(
      answers
        .filter((a) => a.status === 409)
        .every((a) => a.body.error.code === "click_already_converted"),
    ).toBe(true);
    expect(await rowCount("SELECT count(*) AS n FROM conversions WHERE click_id = ?1", aecid)).toBe(
      1,
    );
  });

  it("races voucher postbacks with one id into one conversion", async () => {
    const { key, program, partner } = await setupClick();
    await api("POST", `/programs/${program.id}/vouchers`, { code: "RACE", partner_id: partner.id });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        postback({ key, id: "vr-1", amount: "5", currency: "EUR", voucher: "RACE" }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(49);
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM conversions WHERE program_id = ?1 AND order_id = 'vr-1'",
        program.id,
      ),
    ).toBe(1);
  });
});

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
    await env.DB.prepare("UPDATE clicks SET created_at = created_at - 86400000 * 3 WHERE id = ?1")
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
