import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("migration 0015: Shopify's updates kept one per event", () => {
  it("adds kept_order_events and an index, leaving what the previous version wrote as it was", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0015"),
    );
    // The previous version's kept update, written before the migration.
    await db
      .prepare(
        `INSERT INTO pending_updates (source_id, order_id, program_id, source_type, amount_left,
           currency, last_event_id, received_at, updated_at)
         VALUES ('s1', 'pi_1', 'p1', 'stripe', 100, 'EUR', 'evt_1', 1, 1)`,
      )
      .run();
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    expect(
      await db
        .prepare(
          "SELECT program_id, order_id FROM pending_updates INDEXED BY pending_updates_due_by_order WHERE program_id = 'p1' AND order_id = 'pi_1' AND applied_at IS NULL",
        )
        .first(),
    ).toEqual({ program_id: "p1", order_id: "pi_1" });
    const keep = (event: string) =>
      db
        .prepare(
          `INSERT INTO kept_order_events (program_id, order_id, source_id, event_id, source_type,
             amount_less, currency, received_at)
           VALUES ('p1', '42', 's2', ?1, 'shopify', 500, 'EUR', 1)`,
        )
        .bind(event)
        .run();
    await keep("w1");
    await keep("w2");
    await expect(keep("w1")).rejects.toThrow(/UNIQUE|PRIMARY/);
  });
});
