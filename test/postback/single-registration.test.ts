import { describe, expect, it } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, postback, rowCount, setupClick } from "../support/helpers";
import { fieldsFor } from "../support/postbacks";

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
