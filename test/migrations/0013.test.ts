import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("migration 0013: updates kept for their sale", () => {
  it("adds pending_updates beside what the previous version uses, one row per source and order", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0013"),
    );
    const before = await db.prepare("SELECT count(*) AS n FROM sources").first<{ n: number }>();
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    expect(await db.prepare("SELECT count(*) AS n FROM sources").first()).toEqual(before);
    const keep = (event: string) =>
      db
        .prepare(
          `INSERT INTO pending_updates (source_id, order_id, program_id, source_type, amount_left,
             currency, last_event_id, received_at, updated_at)
           VALUES ('s1', 'pi_1', 'p1', 'stripe', 100, 'EUR', ?1, 1, 1)`,
        )
        .bind(event)
        .run();
    await keep("evt_1");
    await expect(keep("evt_2")).rejects.toThrow(/UNIQUE|PRIMARY/);
  });
});
