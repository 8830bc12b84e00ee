import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { conversionUpdateStatements } from "../../src/storage/conversion-updates";
import { getConversion } from "../../src/storage/conversions";
import { ledgerDrift } from "../support/payouts";

// The previous release's own statements (before 0019), as it still runs them between `migrate`
// and `deploy`: its registration (the conversion, then its postback-log row, in one batch) and
// its status change (compare-and-set, RETURNING). Neither names `ledgered`.
const OLD_PROGRAM = `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
  attribution_model, revenue_share, commission_type, commission_value, commission_currency,
  auto_approve, first_party_cookie_domain, postbacks_per_minute, updated_at, goals, hold_days,
  min_seconds_to_convert, default_goal, key_hash, created_at)
  VALUES (?1, 'Old', 'https://shop.example/', '["shop.example"]', 30, 'last_click', 0, 'percent',
  100000, NULL, 1, NULL, 600, 1, NULL, ?2, NULL, NULL, 'hash', 1)`;
const OLD_CONVERSION = `INSERT INTO conversions (id, program_id, goal, repeatable, order_id, click_id, partner_id,
  attribution, amount, currency, commission, commission_currency, status, initial_status,
  refuse_reason, payment, customer, cv, vouchers, created_at, updated_at, link_id, report_keys)
  VALUES (?1, ?2, 'sale', 0, ?3, NULL, ?4, 'voucher', ?5, 'EUR', ?6, 'EUR', ?7, ?7, NULL, NULL,
  NULL, NULL, '[]', ?8, ?8, NULL, NULL)
  ON CONFLICT DO NOTHING`;
const OLD_LOG = `INSERT INTO postback_log (program_id, id, received_at, http_status, outcome,
  conversion_id, fields, test)
  SELECT ?1, ?2, ?3, 201, 'registered', ?4, '{}', 0 WHERE EXISTS (SELECT 1 FROM conversions WHERE id = ?4)
  ON CONFLICT DO NOTHING`;
const OLD_UPDATE = `UPDATE conversions SET status = ?2, amount = ?3, commission = ?4, refuse_reason = ?5,
  updated_at = ?6
  WHERE id = ?1 AND status = ?7 AND amount = ?8 AND commission = ?9 AND refuse_reason IS ?10
  RETURNING *`;

const db = env.MIGRATION_DB;

async function entries(conversionId: string) {
  const { results } = await db
    .prepare(
      "SELECT amount, payable_at FROM ledger_entries WHERE conversion_id = ?1 ORDER BY created_at, id",
    )
    .bind(conversionId)
    .all<{ amount: number; payable_at: number }>();
  return results;
}

async function ledgered(conversionId: string) {
  return (
    await db.prepare("SELECT ledgered FROM conversions WHERE id = ?1").bind(conversionId).first()
  )?.ledgered;
}

describe("migration 0019: the commission ledger", () => {
  it("ledgers conversions approved before it, and what the previous release writes after it", async () => {
    const now = Date.now();
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0019"),
    );
    const program = newId(now);
    const partner = newId(now);
    const [approvedBefore, pendingBefore] = [newId(now - 1000), newId(now - 1000)];
    await db.batch([
      db.prepare(OLD_PROGRAM).bind(program, 2),
      db
        .prepare(OLD_CONVERSION)
        .bind(approvedBefore, program, "b-1", partner, 10_000, 1000, "approved", now - 1000),
      db
        .prepare(OLD_CONVERSION)
        .bind(pendingBefore, program, "b-2", partner, 20_000, 2000, "pending", now - 1000),
    ]);
    // The deploy window of 0019's release: its migrations applied, not yet the contract step
    // (0022) of the release after it, which drops the two triggers that ledger the old writes.
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0022"),
    );
    // Approved before the ledger: owed, one entry, payable once the hold (2 days) is over.
    expect(await entries(approvedBefore)).toEqual([
      { amount: 1000, payable_at: now - 1000 + 2 * 86_400_000 },
    ]);
    expect(await entries(pendingBefore)).toEqual([]);

    // The previous release registers an approved conversion: its insert still counts 1 change
    // (it reads `meta.changes` to know it won), and the entry is written in the same batch.
    const late = newId(now);
    const [inserted] = await db.batch([
      db.prepare(OLD_CONVERSION).bind(late, program, "a-1", partner, 5_000, 500, "approved", now),
      db.prepare(OLD_LOG).bind(program, `${now}0001`, now, late),
    ]);
    expect(inserted?.meta.changes).toBe(1);
    expect((await entries(late)).map((e) => e.amount)).toEqual([500]);
    expect(await ledgered(late)).toBe(500);

    // The previous release approves the pending one, then refuses the first: entry, clawback.
    const approve = await db
      .prepare(OLD_UPDATE)
      .bind(pendingBefore, "approved", 20_000, 2000, null, now + 1, "pending", 20_000, 2000, null)
      .all();
    expect(approve.results).toHaveLength(1);
    await db
      .prepare(OLD_UPDATE)
      .bind(
        approvedBefore,
        "refused",
        10_000,
        1000,
        "refund",
        now + 2,
        "approved",
        10_000,
        1000,
        null,
      )
      .all();
    expect((await entries(pendingBefore)).map((e) => e.amount)).toEqual([2000]);
    expect(await entries(approvedBefore)).toEqual([
      { amount: 1000, payable_at: now - 1000 + 2 * 86_400_000 },
      { amount: -1000, payable_at: now + 2 },
    ]);

    // Today's code on the same rows: one entry per change of what is owed, never two.
    const before = await getConversion(db, pendingBefore);
    if (!before) throw new Error("the conversion is gone");
    const next = { ...before, amount: 15_000, commission: 1500, updatedAt: now + 3 };
    await db.batch(
      conversionUpdateStatements(
        db,
        before,
        next,
        [{ field: "amount", old: "20000", new: "15000" }],
        "admin",
        now + 3,
      ),
    );
    expect((await entries(pendingBefore)).map((e) => e.amount)).toEqual([2000, -500]);
    expect(await ledgerDrift(db)).toBe(0);
  });
});
