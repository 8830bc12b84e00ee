import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, rowCount } from "../support/helpers";
import { allBalances, entriesOf, payoutSetup, sale } from "../support/payouts";

const DAY_MS = 86_400_000;

describe("payout batches", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("take every payable entry of the partners whose balance reaches the minimum; paid and cancelled", async () => {
    const setup = await payoutSetup(3, { auto_approve: true });
    const [a, b, c] = setup.partners.map((p) => p.id) as [string, string, string];
    await sale(setup, 0, "o-1", 10_000); // 10.00 EUR commission
    await sale(setup, 0, "o-2", 5_000); // 5.00
    await sale(setup, 1, "o-3", 2_000); // 2.00: under the minimum
    await sale(setup, 2, "o-4", 30_000, { currency: "USD" }); // another currency
    const eur = await allBalances("&currency=EUR");
    const mine = eur.filter((row) => [a, b, c].includes(row.partner_id));
    // Partners made in the same second have no fixed order between them: compare as a set.
    expect(mine).toHaveLength(2);
    expect(mine).toEqual(
      expect.arrayContaining([
        { partner_id: a, currency: "EUR", payable: 1500, held: 0, in_payouts: 0, paid: 0 },
        { partner_id: b, currency: "EUR", payable: 200, held: 0, in_payouts: 0, paid: 0 },
      ]),
    );

    const created = await api("POST", "/payouts", {
      currency: "EUR",
      minimum: 1000,
      partner_ids: [a, b, c],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "draft",
      currency: "EUR",
      total: 1500,
      entries: 2,
      partners: [{ partner_id: a, total: 1500, entries: 2 }],
    });
    const id = created.body.id as string;
    // Nothing left that reaches the minimum: no empty payout is made.
    const again = await api("POST", "/payouts", {
      currency: "EUR",
      minimum: 1000,
      partner_ids: [a, b],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("nothing_payable");
    expect((await api("GET", `/payouts/${id}`)).body.total).toBe(1500);

    const ledger = await api("GET", `/partners/${a}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.data).toHaveLength(2);
    expect(
      ledger.body.data.every((e: any) => e.payout_id === id && e.payout_status === "draft"),
    ).toBe(true);

    // Cancelled: the entries are released; the payout keeps its totals for the record.
    const cancelled = await api("POST", `/payouts/${id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: "cancelled", total: 1500 });
    expect((await api("POST", `/payouts/${id}/paid`, { reference: "x" })).status).toBe(409);
    expect((await entriesOf([a])).every((e) => e.payout_id === null)).toBe(true);

    const next = await api("POST", "/payouts", {
      currency: "EUR",
      minimum: 0,
      partner_ids: [a, b],
    });
    expect(next.body).toMatchObject({ total: 1700, entries: 3 });
    const paid = await api("POST", `/payouts/${next.body.id}/paid`, { reference: "SEPA-2026-12" });
    expect(paid.body).toMatchObject({ status: "paid", reference: "SEPA-2026-12" });
    expect((await api("POST", `/payouts/${next.body.id}/cancel`)).status).toBe(409);
    const after = (await allBalances(`&partner_id=${a}`))[0];
    expect(after).toMatchObject({ payable: 0, in_payouts: 0, paid: 1500 });

    // A refund after payment: a clawback, carried into the next payout.
    const refund = await api(
      "POST",
      `/conversions/${(await conversionOf(setup.program.id, "o-1")).id}/refuse`,
      {
        reason: "refunded",
      },
    );
    expect(refund.status).toBe(200);
    expect((await allBalances(`&partner_id=${a}`))[0]).toMatchObject({
      payable: -1000,
      paid: 1500,
    });
    await sale(setup, 0, "o-5", 40_000); // 40.00
    const netted = await api("POST", "/payouts", { currency: "EUR", minimum: 0, partner_ids: [a] });
    expect(netted.body).toMatchObject({ total: 3000, entries: 2 });

    // Every change is audited with the change.
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM audit_log WHERE resource_type = 'payout' AND resource_id IN (?1, ?2)",
        id,
        next.body.id,
      ),
    ).toBe(4);
    const list = await api("GET", "/payouts?currency=EUR&limit=200");
    expect(list.body.data.map((p: any) => p.id)).toEqual(
      expect.arrayContaining([id, next.body.id, netted.body.id]),
    );
  });

  it("100 concurrent creations leave each entry in exactly one payout, and the totals equal the balances", async () => {
    const setup = await payoutSetup(8, { auto_approve: true });
    const ids = setup.partners.map((p) => p.id);
    let order = 0;
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        setup.partners.map((_, i) => sale(setup, i, `c-${order++}`, 1_000 + 137 * i + round)),
      );
    }
    const before = await allBalances("&currency=EUR");
    const payableBefore = new Map(
      before
        .filter((row) => ids.includes(row.partner_id))
        .map((row) => [row.partner_id, row.payable]),
    );
    expect(payableBefore.size).toBe(8);

    // Each request names an overlapping subset of the partners: several win, none shares.
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api("POST", "/payouts", {
          currency: "EUR",
          minimum: 0,
          partner_ids: [ids[i % 8], ids[(i + 3) % 8]],
        }),
      ),
    );
    const made = answers.filter((a) => a.status === 201);
    expect(made.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.status === 201 || a.body.error?.code === "nothing_payable")).toBe(
      true,
    );
    const totals = new Map<string, number>();
    for (const payout of made)
      for (const p of payout.body.partners)
        totals.set(p.partner_id, (totals.get(p.partner_id) ?? 0) + p.total);
    expect(totals).toEqual(payableBefore);

    const entries = await entriesOf(ids);
    expect(entries).toHaveLength(24);
    const madeIds = new Set(made.map((a) => a.body.id));
    expect(entries.every((e) => e.payout_id !== null && madeIds.has(e.payout_id))).toBe(true);
    expect(
      await rowCount(
        `SELECT count(*) AS n FROM payout_items WHERE payout_id IN (SELECT value FROM json_each(?1))`,
        JSON.stringify([...madeIds]),
      ),
    ).toBe(24);
    console.log(
      `100 concurrent payout creations: ${made.length} made, ${100 - made.length} found nothing`,
    );
  });

  it("an entry is not payable before its program's hold is over", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    const setup = await payoutSetup(1, { auto_approve: true, hold_days: 7 });
    const [a] = setup.partners.map((p) => p.id) as [string];
    await sale(setup, 0, "h-1", 10_000);
    expect((await allBalances(`&partner_id=${a}`))[0]).toMatchObject({ payable: 0, held: 1000 });
    expect(
      (await api("POST", "/payouts", { currency: "EUR", minimum: 0, partner_ids: [a] })).status,
    ).toBe(409);

    // Approved later (by the operator) on day 3: payable from day 7 still, counted from the sale.
    const manual = await payoutSetup(1, { hold_days: 7 });
    const b = manual.partners[0]?.id as string;
    const pending = await sale(manual, 0, "h-2", 20_000);
    vi.setSystemTime(start + 3 * DAY_MS);
    await api("POST", `/conversions/${pending.conversion_id}/approve`);
    expect((await allBalances(`&partner_id=${b}`))[0]).toMatchObject({ payable: 0, held: 2000 });

    vi.setSystemTime(start + 7 * DAY_MS - 1000);
    expect((await allBalances(`&partner_id=${a}`))[0]).toMatchObject({ payable: 0, held: 1000 });
    vi.setSystemTime(start + 7 * DAY_MS + 1000);
    expect((await allBalances(`&partner_id=${a}`))[0]).toMatchObject({ payable: 1000, held: 0 });
    const payout = await api("POST", "/payouts", {
      currency: "EUR",
      minimum: 0,
      partner_ids: [a, b],
    });
    expect(payout.body).toMatchObject({ total: 3000, entries: 2 });
  });
});

async function conversionOf(programId: string, orderId: string) {
  return (await env.DB.prepare("SELECT id FROM conversions WHERE program_id = ?1 AND order_id = ?2")
    .bind(programId, orderId)
    .first<{ id: string }>()) as { id: string };
}
