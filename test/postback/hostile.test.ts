import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { charLength } from "../../src/domain/text";
import { api, call, setupClick } from "../support/helpers";
import { expectCleanAnswer } from "../support/hostile";

const naughty = env.CORPORA.naughtyStrings;
const FIELDS = ["id", "amount", "currency", "payment", "customer", "cv", "voucher", "cids"];

describe("naughty strings in postbacks", () => {
  it("never cause a 5xx or an injected header, in any field", async () => {
    const { key } = await setupClick();
    expect(naughty.length).toBeGreaterThan(500);
    for (const [i, s] of naughty.entries()) {
      const query = new URLSearchParams({ key, ...Object.fromEntries(FIELDS.map((f) => [f, s])) });
      await expectCleanAnswer(await call(`/?${query}`), `#${i} GET`);
      const json = await call("/postback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ key, ...Object.fromEntries(FIELDS.map((f) => [f, s])) }),
      });
      await expectCleanAnswer(json, `#${i} POST`);
    }
  });

  it("store every accepted value exactly as sent and within its rule", async () => {
    const { key, program, partner } = await setupClick();
    await api("POST", `/programs/${program.id}/vouchers`, {
      code: "NAUGHTY",
      partner_id: partner.id,
    });
    let registered = 0;
    for (const [i, s] of naughty.entries()) {
      const response = await call("/postback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          key,
          id: s,
          amount: "1",
          currency: "EUR",
          customer: s,
          cv: s,
          voucher: "NAUGHTY",
        }),
      });
      await expectCleanAnswer(response, `#${i}`);
      if (response.status !== 201) {
        // 200: the corpus holds some strings twice, and a repeated order id is a replay.
        expect([200, 400, 409], `#${i} ${JSON.stringify(s)}`).toContain(response.status);
        continue;
      }
      registered++;
      const row = await env.DB.prepare(
        "SELECT * FROM conversions WHERE program_id = ?1 AND order_id = ?2",
      )
        .bind(program.id, s)
        .first<Record<string, any>>();
      expect(row?.order_id, `#${i}`).toBe(s);
      expect(charLength(row?.order_id)).toBeLessThanOrEqual(255);
      expect(row?.customer, `#${i}`).toBe(s === "" ? null : s);
      expect(row?.cv, `#${i}`).toBe(s === "" ? null : s);
      expect(row?.amount).toBe(100);
      expect(row?.partner_id).toBe(partner.id);
    }
    // Most strings are valid order ids (1 to 255 characters); they must all have been stored.
    expect(registered).toBeGreaterThan(naughty.length * 0.9);
    for (const [i, s] of naughty.entries()) {
      const response = await call("/postback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          key,
          id: `list-${i}`,
          amount: "1",
          currency: "EUR",
          payment: s,
          voucher: `NAUGHTY;${s}`,
          cids: s,
        }),
      });
      await expectCleanAnswer(response, `#${i} lists`);
      if (response.status !== 201) continue;
      const row = await env.DB.prepare(
        "SELECT payment, vouchers FROM conversions WHERE program_id = ?1 AND order_id = ?2",
      )
        .bind(program.id, `list-${i}`)
        .first<{ payment: string | null; vouchers: string }>();
      expect([null, "online", "bankwire", "other"]).toContain(row?.payment);
      const codes = JSON.parse(row?.vouchers ?? "[]") as string[];
      expect(codes.length).toBeLessThanOrEqual(20);
      expect(
        codes.every((code) => code !== "" && charLength(code) <= 64 && !code.includes(";")),
      ).toBe(true);
    }
    const log = await env.DB.prepare("SELECT fields FROM postback_log WHERE program_id = ?1")
      .bind(program.id)
      .all<{ fields: string }>();
    for (const { fields } of log.results) {
      const parsed = JSON.parse(fields) as Record<string, string>;
      expect(Object.keys(parsed).every((name) => FIELDS.includes(name))).toBe(true);
      expect(Object.values(parsed).every((value) => charLength(value) <= 1024)).toBe(true);
    }
  });
});
