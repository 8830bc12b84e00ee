import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { api, postback } from "../support/helpers";
import { allBalances, type PayoutSetup, payoutSetup } from "../support/payouts";

/**
 * Issue 28's property: over random sequences of conversions (postbacks), approvals, refusals,
 * amount reductions (before and after payment), payouts, payments and cancellations, run through
 * the real API and D1, the balances always equal what the conversions owe less what was paid,
 * and at the end, after a last payout with minimum 0 marked paid, every commission was paid
 * exactly once net of clawbacks.
 */

const CURRENCIES = ["EUR", "USD"] as const;
const PARTNERS = 2;

type Action =
  | { kind: "sale"; partner: number; cents: number; currency: 0 | 1; approved: boolean }
  | { kind: "approve" | "refuse"; conversion: number }
  | { kind: "reduce"; conversion: number; percent: number }
  | { kind: "payout"; currency: 0 | 1; minimum: number; only: number | null }
  | { kind: "paid" | "cancel"; payout: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("sale" as const),
      partner: fc.integer({ min: 0, max: PARTNERS - 1 }),
      cents: fc.integer({ min: 1, max: 50_000 }),
      currency: fc.constantFrom(0 as const, 1 as const),
      approved: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("approve" as const, "refuse" as const),
      conversion: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("reduce" as const),
      conversion: fc.nat(),
      percent: fc.integer({ min: 0, max: 99 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("payout" as const),
      currency: fc.constantFrom(0 as const, 1 as const),
      minimum: fc.constantFrom(0, 500, 2_000),
      only: fc.option(fc.integer({ min: 0, max: PARTNERS - 1 }), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("paid" as const, "cancel" as const),
      payout: fc.nat(),
    }),
  },
);

interface Model {
  conversions: { id: string; orderId: string; status: string; cents: number }[];
  payouts: string[];
  /** partner|currency → paid, from the payouts' own answers. */
  paid: Map<string, number>;
}

const keyOf = (partner: string, currency: string) => `${partner}|${currency}`;

/** What the conversions owe, per partner and currency: their commission when approved. */
async function owed(setup: PayoutSetup) {
  const { results } = await env.DB.prepare(
    `SELECT partner_id, commission_currency AS currency,
       SUM(CASE WHEN status = 'approved' THEN commission ELSE 0 END) AS owed,
       SUM(ledgered) AS ledgered
     FROM conversions WHERE program_id = ?1 GROUP BY partner_id, commission_currency`,
  )
    .bind(setup.program.id)
    .all<{ partner_id: string; currency: string; owed: number; ledgered: number }>();
  return new Map(results.map((r) => [keyOf(r.partner_id, r.currency), r]));
}

async function check(setup: PayoutSetup, model: Model) {
  const owes = await owed(setup);
  const ids = setup.partners.map((p) => p.id);
  const rows = (await allBalances()).filter((row) => ids.includes(row.partner_id));
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row.partner_id, row.currency);
    seen.add(key);
    const o = owes.get(key);
    // Unpaid entries (payable, held, or in a payout not yet paid) = owed − paid.
    expect(row.payable + row.held + row.in_payouts).toBe(
      (o?.owed ?? 0) - (model.paid.get(key) ?? 0),
    );
    expect(row.paid).toBe(model.paid.get(key) ?? 0);
    expect(row.held).toBe(0);
  }
  for (const [key, o] of owes) {
    expect(o.ledgered).toBe(o.owed);
    if (!seen.has(key)) expect(o.owed).toBe(0);
  }
  // Each entry is in at most one payout, and in none that is cancelled.
  const stray = await env.DB.prepare(
    `SELECT count(*) AS n FROM payout_items i JOIN payouts p ON p.id = i.payout_id
     WHERE p.status = 'cancelled' AND i.partner_id IN (SELECT value FROM json_each(?1))`,
  )
    .bind(JSON.stringify(ids))
    .first<{ n: number }>();
  expect(stray?.n).toBe(0);
}

async function run(setup: PayoutSetup, model: Model, step: Action, n: number) {
  const key = setup.program.conversion_key;
  switch (step.kind) {
    case "sale": {
      const orderId = `p-${n}`;
      const answer = await postback({
        key,
        id: orderId,
        amount: (step.cents / 100).toFixed(2),
        currency: CURRENCIES[step.currency],
        voucher: setup.partners[step.partner]?.voucher,
        ...(step.approved ? { status: "approved" } : {}),
      });
      expect(answer.status).toBe(201);
      model.conversions.push({
        id: answer.body.conversion_id,
        orderId,
        status: answer.body.conversion_status,
        cents: step.cents,
      });
      return;
    }
    case "approve":
    case "refuse": {
      const c = model.conversions[step.conversion % Math.max(1, model.conversions.length)];
      if (!c) return;
      const answer = await api(
        "POST",
        `/conversions/${c.id}/${step.kind}`,
        step.kind === "refuse" ? { reason: "refunded" } : undefined,
      );
      expect(answer.status).toBe(200);
      c.status = answer.body.status;
      return;
    }
    case "reduce": {
      const c = model.conversions[step.conversion % Math.max(1, model.conversions.length)];
      if (!c) return;
      const cents = Math.floor((c.cents * step.percent) / 100);
      if (cents === c.cents) return;
      const stored = await api("GET", `/conversions/${c.id}`);
      const answer = await postback({
        key,
        id: c.orderId,
        status: stored.body.status,
        amount: (cents / 100).toFixed(2),
        currency: stored.body.currency,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      c.cents = cents;
      return;
    }
    case "payout": {
      const currency = CURRENCIES[step.currency];
      const only = step.only === null ? undefined : [setup.partners[step.only]?.id];
      const answer = await api("POST", "/payouts", {
        currency,
        minimum: step.minimum,
        partner_ids: only ?? setup.partners.map((p) => p.id),
      });
      if (answer.status === 409) {
        expect(answer.body.error.code).toBe("nothing_payable");
        return;
      }
      expect(answer.status).toBe(201);
      for (const p of answer.body.partners) expect(p.total).toBeGreaterThanOrEqual(step.minimum);
      model.payouts.push(answer.body.id);
      return;
    }
    case "paid":
    case "cancel": {
      const id = model.payouts[step.payout % Math.max(1, model.payouts.length)];
      if (!id) return;
      const answer =
        step.kind === "paid"
          ? await api("POST", `/payouts/${id}/paid`, { reference: `ref-${n}` })
          : await api("POST", `/payouts/${id}/cancel`);
      if (answer.status === 409) return; // paid or cancelled already
      expect(answer.status).toBe(200);
      if (step.kind === "paid")
        for (const p of answer.body.partners) {
          const k = keyOf(p.partner_id, answer.body.currency);
          model.paid.set(k, (model.paid.get(k) ?? 0) + p.total);
        }
      return;
    }
  }
}

describe("the commission ledger, as a property", () => {
  it("pays every commission exactly once net of clawbacks, and balances always equal the unpaid entries", async () => {
    let runs = 0;
    let steps = 0;
    let clawbacks = 0;
    let paidPayouts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 6, maxLength: 18 }), async (actions) => {
        runs++;
        const setup = await payoutSetup(PARTNERS);
        const model: Model = { conversions: [], payouts: [], paid: new Map() };
        for (const [n, step] of actions.entries()) {
          await run(setup, model, step, n);
          await check(setup, model);
          steps++;
        }
        // The end: open payouts cancelled, a last payout per currency with minimum 0, paid.
        for (const id of model.payouts) await api("POST", `/payouts/${id}/cancel`);
        for (const currency of CURRENCIES) {
          const last = await api("POST", "/payouts", {
            currency,
            minimum: 0,
            partner_ids: setup.partners.map((p) => p.id),
          });
          if (last.status !== 201) continue;
          const paid = await api("POST", `/payouts/${last.body.id}/paid`, { reference: "last" });
          for (const p of paid.body.partners) {
            const k = keyOf(p.partner_id, currency);
            model.paid.set(k, (model.paid.get(k) ?? 0) + p.total);
          }
        }
        await check(setup, model);
        const claw = await env.DB.prepare(
          `SELECT count(*) AS n FROM ledger_entries e JOIN conversions c ON c.id = e.conversion_id
           WHERE c.program_id = ?1 AND e.amount < 0`,
        )
          .bind(setup.program.id)
          .first<{ n: number }>();
        clawbacks += claw?.n ?? 0;
        paidPayouts += model.paid.size;
        const owes = await owed(setup);
        const rows = await allBalances();
        for (const [k, o] of owes) {
          const [partner, currency] = k.split("|");
          const row = rows.find((r) => r.partner_id === partner && r.currency === currency);
          const unpaid = row ? row.payable + row.held + row.in_payouts : 0;
          // Nothing positive is left unpaid; a negative rest is a clawback carried forward.
          expect(unpaid).toBeLessThanOrEqual(0);
          expect((model.paid.get(k) ?? 0) + unpaid).toBe(o.owed);
          if (unpaid === 0) expect(model.paid.get(k) ?? 0).toBe(o.owed);
        }
      }),
      { numRuns: 20, seed: Number(process.env.LEDGER_SEED ?? 2028), endOnFailure: true },
    );
    console.log(
      `ledger property: ${runs} runs, ${steps} steps, ${clawbacks} negative entries, ` +
        `${paidPayouts} partner-currency pairs paid`,
    );
  }, 120_000);
});
