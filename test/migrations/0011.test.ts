import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { historyOf } from "../../src/storage/conversion-history";

describe("migration 0011: the audit trail", () => {
  it("keeps the previous version's history writes working, read with no operator", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0011"),
    );
    // The previous version's history INSERT, which names no operator column.
    const insertOld = (id: string) =>
      db
        .prepare(
          `INSERT INTO conversion_history (conversion_id, id, changed_at, source, field, old_value,
             new_value) VALUES ('conv-1', ?1, 1, 'hold', 'status', 'pending', 'approved')`,
        )
        .bind(id);
    await insertOld("h-before").run();
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    await insertOld("h-during").run();
    const history = await historyOf(db, "conv-1");
    expect(history.map((entry) => entry.operator)).toEqual([null, null]);
    const tables = await db.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
    expect(tables?.n).toBe(0);
  });
});
