import { describe, expect, it } from "vitest";
import { api, type Json } from "../support/helpers";
import { signInPartner, withToken } from "../support/partner-session";
import { payoutOf, payoutSetup, sale } from "../support/payouts";

// The partner's payouts (issue 28): its share of each payout holding its entries, never a
// cancelled one, never another's; its items; its statement once paid.

describe("a partner's payouts", () => {
  it("are its share of each payout, newest first, with items and statement, and nobody else's", async () => {
    const setup = await payoutSetup(2, { auto_approve: true });
    const [alice, bob] = setup.partners.map((p) => p.id) as [string, string];
    const c1 = await sale(setup, 0, "pp-1", 10_000);
    await sale(setup, 1, "pp-2", 30_000);
    const cancelled = await payoutOf([alice]);
    await api("POST", `/payouts/${cancelled.id}/cancel`);
    const shared = await payoutOf([alice, bob]);
    const paid = await api("POST", `/payouts/${shared.id}/paid`, { reference: "REF-1" });
    const c3 = await sale(setup, 0, "pp-3", 4_000);
    await api("POST", `/conversions/${c1.conversion_id}/refuse`, { reason: "refunded" });
    await sale(setup, 0, "pp-4", 20_000);
    await sale(setup, 1, "pp-5", 1_000);
    const draft = await payoutOf([alice]);
    const bobs = await payoutOf([bob]);

    const me = await signInPartner(alice);
    const { body: token } = await me.json("POST", "/tokens", { name: "t" });
    const statementNumber = (await me.json("GET", `/payouts/${shared.id}`)).body
      .statement_number as number;
    expect(statementNumber).toBeGreaterThan(0);
    for (const ask of [
      (path: string) => me.json("GET", path),
      (path: string) => withToken(token.token, "GET", path),
    ]) {
      const list = await ask("/payouts");
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        data: [
          {
            id: draft.id,
            currency: "EUR",
            status: "draft",
            total: 1400, // 4.00 + 20.00 − 10.00 (the clawback)
            entries: 3,
            reference: null,
            created_at: draft.created_at,
            paid_at: null,
            statement_number: null,
          },
          {
            id: shared.id,
            currency: "EUR",
            status: "paid",
            total: 1000,
            entries: 1,
            reference: "REF-1",
            created_at: shared.created_at,
            paid_at: paid.body.paid_at,
            statement_number: statementNumber,
          },
        ],
        next_cursor: null,
      });
      const one = await ask(`/payouts/${draft.id}`);
      expect(one.status).toBe(200);
      expect(one.body.items).toHaveLength(3);
      expect(one.body.items.map((i: Json) => [i.conversion_id, i.amount, i.kind])).toEqual(
        expect.arrayContaining([
          [c1.conversion_id, -1000, "clawback"],
          [c3.conversion_id, 400, "commission"],
        ]),
      );
      expect(one.body.items.every((i: Json) => i.program_id === setup.program.id)).toBe(true);
      const inShared = await ask(`/payouts/${shared.id}`);
      expect(inShared.body.items).toEqual([
        expect.objectContaining({ conversion_id: c1.conversion_id, amount: 1000 }),
      ]);
      // Bob's payout and a cancelled one: 404.
      for (const path of [
        `/payouts/${bobs.id}`,
        `/payouts/${bobs.id}/statement`,
        `/payouts/${cancelled.id}`,
        `/payouts/${cancelled.id}/statement`,
      ]) {
        const answer = await ask(path);
        expect(answer.status, path).toBe(404);
        expect(answer.body.error.code).toBe("not_found");
      }
      const early = await ask(`/payouts/${draft.id}/statement`);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe("statement_not_issued");
      const paged = await ask("/payouts?limit=1");
      expect(paged.body.data.map((p: Json) => p.id)).toEqual([draft.id]);
      const rest = await ask(`/payouts?limit=1&cursor=${paged.body.next_cursor}`);
      expect(rest.body.data.map((p: Json) => p.id)).toEqual([shared.id]);
      expect((await ask("/payouts?cursor=nope")).status).toBe(400);
    }
    const statement = await me.fetchAs(`/payouts/${shared.id}/statement`);
    expect(statement.status).toBe(200);
    expect(statement.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const text = await statement.text();
    expect(text).toContain(`Payout statement No. ${statementNumber}`);
    expect(text).toContain(c1.conversion_id);
    expect(text).not.toContain("pp-2"); // Bob's order

    // Bob sees his share of the shared payout, and his own payout.
    const him = await signInPartner(bob);
    const his = await him.json("GET", "/payouts");
    expect(his.body.data.map((p: Json) => [p.id, p.total])).toEqual([
      [bobs.id, 100],
      [shared.id, 3000],
    ]);
    expect((await him.json("GET", `/payouts/${draft.id}`)).status).toBe(404);
  });
});
