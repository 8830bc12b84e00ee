import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { issueStatementsStatement } from "../../src/storage/payout-statements";

// Migration 0021 only adds `payout_statements`, and numbers the payouts already paid when it runs
// (in paid order, partner order within one). A payout the previous release pays after it (no
// statements) is numbered by the next run of the issuing statement, after those.
const db = env.MIGRATION_DB;

const PAYOUT = `INSERT INTO payouts (id, currency, minimum, status, total, entries, partners,
  reference, created_at, updated_at, paid_at, cancelled_at)
  VALUES (?1, 'EUR', 0, ?2, 0, 0, '[]', NULL, 1, 1, ?3, NULL)`;
const ITEM =
  "INSERT INTO payout_items (entry_id, payout_id, partner_id, amount) VALUES (?1, ?2, ?3, ?4)";

describe("migration 0021: payout statements", () => {
  it("numbers the payouts paid before it, in paid order, and none of the others", async () => {
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0021"),
    );
    const now = Date.now();
    const [early, late, draft, cancelled, window] = [1, 2, 3, 4, 5].map(() => newId(now));
    const [pa, pb] = ["a".repeat(24), "b".repeat(24)];
    await db.batch([
      db.prepare(PAYOUT).bind(late, "paid", now - 1000),
      db.prepare(PAYOUT).bind(early, "paid", now - 5000),
      db.prepare(PAYOUT).bind(draft, "draft", null),
      db.prepare(PAYOUT).bind(cancelled, "cancelled", null),
      db.prepare(ITEM).bind("e1", late, pb, 300),
      db.prepare(ITEM).bind("e2", late, pa, 100),
      db.prepare(ITEM).bind("e3", late, pa, 50),
      db.prepare(ITEM).bind("e4", early, pb, 700),
      db.prepare(ITEM).bind("e5", draft, pa, 900),
    ]);
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name.startsWith("0021")),
    );
    const rows = async () =>
      (
        await db
          .prepare(
            "SELECT number, payout_id, partner_id, total, entries FROM payout_statements ORDER BY number",
          )
          .all()
      ).results;
    expect(await rows()).toEqual([
      { number: 1, payout_id: early, partner_id: pb, total: 700, entries: 1 },
      { number: 2, payout_id: late, partner_id: pa, total: 150, entries: 2 },
      { number: 3, payout_id: late, partner_id: pb, total: 300, entries: 1 },
    ]);
    // The previous release pays one during the deploy window: the next run numbers it.
    await db.batch([
      db.prepare(PAYOUT).bind(window, "paid", now),
      db.prepare(ITEM).bind("e6", window, pa, 10),
    ]);
    await issueStatementsStatement(db).run();
    await issueStatementsStatement(db).run();
    expect((await rows()).slice(3)).toEqual([
      { number: 4, payout_id: window, partner_id: pa, total: 10, entries: 1 },
    ]);
  });
});
