import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("migration 0007: goals", () => {
  it("gives every existing conversion the goal sale, and keeps single registration per goal", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0007"),
    );
    const insertOld = (id: string, order: string, click: string | null) =>
      db
        .prepare(
          `INSERT INTO conversions (id, program_id, order_id, click_id, partner_id, attribution,
             amount, currency, commission, commission_currency, status, initial_status, vouchers,
             created_at, updated_at)
           VALUES (?1, 'p', ?2, ?3, 'partner', 'click', 4990, 'EUR', 499, 'EUR', 'approved',
             'pending', '[]', 1, 2)`,
        )
        .bind(id, order, click);
    await db.batch([insertOld("c-1", "order-1", "click-1"), insertOld("c-2", "order-2", null)]);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    const rows = await db
      .prepare("SELECT id, goal, repeatable, status, amount FROM conversions ORDER BY id")
      .all();
    expect(rows.results).toEqual([
      { id: "c-1", goal: "sale", repeatable: 0, status: "approved", amount: 4990 },
      { id: "c-2", goal: "sale", repeatable: 0, status: "approved", amount: 4990 },
    ]);
    const insertNew = (id: string, goal: string, order: string, click: string, repeatable = 0) =>
      db
        .prepare(
          `INSERT INTO conversions (id, program_id, goal, repeatable, order_id, click_id, partner_id,
             attribution, amount, currency, commission, commission_currency, status,
             initial_status, vouchers, created_at, updated_at)
           VALUES (?1, 'p', ?2, ?5, ?3, ?4, 'partner', 'click', 1, 'EUR', 1, 'EUR', 'pending',
             'refused', '[]', 3, 3) ON CONFLICT DO NOTHING`,
        )
        .bind(id, goal, order, click, repeatable);
    const changes = async (statement: D1PreparedStatement) => (await statement.run()).meta.changes;
    // The same click converts a lead besides its sale, but not a second sale.
    expect(await changes(insertNew("c-3", "lead", "order-1", "click-1"))).toBe(1);
    expect(await changes(insertNew("c-4", "sale", "order-9", "click-1"))).toBe(0);
    // A repeatable goal converts the click again, once per order id.
    expect(await changes(insertNew("c-5", "renewal", "r-1", "click-1", 1))).toBe(1);
    expect(await changes(insertNew("c-6", "renewal", "r-2", "click-1", 1))).toBe(1);
    expect(await changes(insertNew("c-7", "renewal", "r-2", "click-1", 1))).toBe(0);
  });
});
