import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

/** Seeds a database migrated up to 0003 with amounts on the old (workerd Intl) scale. */
async function seedBefore0004(db: D1Database) {
  const before = env.TEST_MIGRATIONS.filter((m) => m.name < "0004");
  await applyD1Migrations(db, before);
  const program = (id: string, type: string, value: number, currency: string | null) =>
    db
      .prepare(
        `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
           attribution_model, revenue_share, commission_type, commission_value, commission_currency,
           auto_approve, first_party_cookie_domain, postbacks_per_minute, key_hash, created_at, updated_at)
         VALUES (?1, 'p', 'https://shop.example/', '["shop.example"]', 30, 'last_click', 0, ?2, ?3, ?4,
           0, NULL, 3000, 'h', 1, 1)`,
      )
      .bind(id, type, value, currency);
  const conversion = (
    id: string,
    amount: number,
    currency: string,
    commission: number,
    cc: string,
  ) =>
    db
      .prepare(
        `INSERT INTO conversions (id, program_id, order_id, click_id, partner_id, attribution, amount,
           currency, commission, commission_currency, status, initial_status, vouchers, created_at, updated_at)
         VALUES (?1, 'p-fixed-huf', ?1, NULL, 'partner', 'voucher', ?2, ?3, ?4, ?5, 'pending', 'pending', '[]', 1, 1)`,
      )
      .bind(id, amount, currency, commission, cc);
  await db.batch([
    program("p-fixed-huf", "fixed", 500, "HUF"),
    program("p-fixed-eur", "fixed", 500, "EUR"),
    program("p-percent", "percent", 100_000, null),
    conversion("c-huf", 12990, "HUF", 500, "HUF"),
    conversion("c-iqd", 25, "IQD", 3, "IQD"),
    conversion("c-xdr", 1250, "XDR", 125, "XDR"),
    conversion("c-eur", 4990, "EUR", 499, "EUR"),
    conversion("c-mixed", 3000, "JPY", 500, "HUF"),
  ]);
}

describe("migration 0004: money from Intl's exponents to ISO 4217's", () => {
  it("rescales stored amounts, commissions and fixed commission values, records each change, leaves the rest", async () => {
    const db = env.MIGRATION_DB;
    await seedBefore0004(db);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    const money = async (id: string) =>
      db.prepare("SELECT amount, commission FROM conversions WHERE id = ?1").bind(id).first();
    expect(await money("c-huf")).toEqual({ amount: 1_299_000, commission: 50_000 });
    expect(await money("c-iqd")).toEqual({ amount: 25_000, commission: 3_000 });
    expect(await money("c-xdr")).toEqual({ amount: 13, commission: 1 });
    expect(await money("c-eur")).toEqual({ amount: 4990, commission: 499 });
    expect(await money("c-mixed")).toEqual({ amount: 3000, commission: 50_000 });

    const value = async (id: string) =>
      (
        await db
          .prepare("SELECT commission_value AS v FROM programs WHERE id = ?1")
          .bind(id)
          .first()
      )?.v;
    expect(await value("p-fixed-huf")).toBe(50_000);
    expect(await value("p-fixed-eur")).toBe(500);
    expect(await value("p-percent")).toBe(100_000);

    const { results } = await db
      .prepare(
        "SELECT table_name, row_id, column_name, currency, old_value, new_value FROM money_rescaled ORDER BY 1, 2, 3",
      )
      .all();
    expect(results).toContainEqual({
      table_name: "conversions",
      row_id: "c-huf",
      column_name: "amount",
      currency: "HUF",
      old_value: 12990,
      new_value: 1_299_000,
    });
    expect(results.filter((r) => r.row_id === "c-eur")).toEqual([]);
    expect(results).toHaveLength(8);
  });
});
