import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { defaultGoalOf, goalsOf } from "../../src/domain/goals";
import { selectByOrderStatement } from "../../src/storage/conversions";
import { type ProgramRow, toProgram } from "../../src/storage/programs";

const goal = (name: string) => ({
  name,
  commission: { type: "percent", value: 10 },
  repeatable: false,
});

describe("migration 0010: the default goal, stored", () => {
  it("stores each program's current default, and reads what the previous version writes meanwhile as before", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0010"),
    );
    // The previous version's INSERT: it knows nothing of default_goal (and works after, too).
    const insertOld = (id: string, goals: unknown) =>
      db
        .prepare(
          `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
             attribution_model, revenue_share, commission_type, commission_value, auto_approve,
             postbacks_per_minute, key_hash, created_at, updated_at, goals)
           VALUES (?1, 'p', 'https://shop.example/', '["shop.example"]', 30, 'last_click', 0,
             'percent', 100000, 0, 3000, 'h', 1, 1, ?2)`,
        )
        .bind(id, goals === null ? null : JSON.stringify(goals));
    await db.batch([
      insertOld("plain", null),
      insertOld("leads-first", [goal("lead"), goal("sale")]),
      insertOld("renewals", [goal("renewal")]),
    ]);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    const defaults = await db.prepare("SELECT id, default_goal FROM programs ORDER BY id").all();
    expect(defaults.results).toEqual([
      { id: "leads-first", default_goal: "lead" },
      { id: "plain", default_goal: "sale" },
      { id: "renewals", default_goal: "renewal" },
    ]);

    // Meanwhile the previous version creates one program and changes another: the new column is
    // null or names a goal no longer there; either reads as the first goal, the old default.
    await insertOld("created-by-old", [goal("lead"), goal("sale")]).run();
    await db
      .prepare("UPDATE programs SET goals = ?2 WHERE id = ?1")
      .bind("renewals", JSON.stringify([goal("trial"), goal("sale")]))
      .run();
    // A program the new version wrote: sale is its default, wherever it stands.
    await db.prepare("UPDATE programs SET default_goal = 'sale' WHERE id = 'leads-first'").run();
    const defaultOf = async (id: string) => {
      const row = await db
        .prepare("SELECT * FROM programs WHERE id = ?1")
        .bind(id)
        .first<ProgramRow>();
      const program = toProgram(row as ProgramRow);
      return defaultGoalOf(goalsOf(program.goals, program.commission), program.defaultGoal)?.name;
    };
    expect(await defaultOf("created-by-old")).toBe("lead");
    expect(await defaultOf("renewals")).toBe("trial");
    expect(await defaultOf("leads-first")).toBe("sale");
    expect(await defaultOf("plain")).toBe("sale");

    // The order lookup of a postback without `goal` resolves the same default in SQL.
    const insertConversion = (programId: string, goalName: string) =>
      db
        .prepare(
          `INSERT INTO conversions (id, program_id, goal, repeatable, order_id, click_id, partner_id,
             attribution, amount, currency, commission, commission_currency, status,
             initial_status, vouchers, created_at, updated_at)
           VALUES (?1, ?2, ?3, 0, 'o-1', NULL, 'partner', 'voucher', 1, 'EUR', 1, 'EUR',
             'pending', 'pending', '[]', 3, 3)`,
        )
        .bind(`${programId}-${goalName}`, programId, goalName);
    await db.batch(
      ["created-by-old", "renewals", "leads-first", "plain"].flatMap((id) => [
        insertConversion(id, "lead"),
        insertConversion(id, "sale"),
        insertConversion(id, "trial"),
      ]),
    );
    const lookup = async (id: string) =>
      (await selectByOrderStatement(db, id, null, "o-1").first<{ goal: string }>())?.goal;
    expect(await lookup("created-by-old")).toBe("lead");
    expect(await lookup("renewals")).toBe("trial");
    expect(await lookup("leads-first")).toBe("sale");
    expect(await lookup("plain")).toBe("sale");
  });
});
