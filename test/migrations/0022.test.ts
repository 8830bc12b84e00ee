import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { updateConversion } from "../../src/conversion/update-conversion";
import { pendingBefore } from "../../src/storage/conversion-updates";
import { getConversion } from "../../src/storage/conversions";
import { insertProgram } from "../../src/storage/programs";
import { ledgerDrift } from "../support/payouts";
import { aConversion, aProgram, seedConversions } from "../support/storage-seeds";

// Migration 0022 is the contract step of 0018 and 0019: it drops the partial index the release
// before 0018 read through, and the two triggers that ledgered the release before 0019. The
// release running during this deploy window is 0019's, whose statements are today's: they must
// work on both sides of it, and its ledger must stay whole.
const db = env.MIGRATION_DB;

const schemaNames = async () =>
  (
    await db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")
      .all<{ name: string }>()
  ).results.map((r) => r.name);

const entries = async (conversionId: string) =>
  (
    await db
      .prepare("SELECT amount FROM ledger_entries WHERE conversion_id = ?1 ORDER BY created_at, id")
      .bind(conversionId)
      .all<{ amount: number }>()
  ).results.map((r) => r.amount);

describe("migration 0022: the contract step of 0018 and 0019", () => {
  it("drops the pending index and the previous release's triggers; the ledger still follows every change", async () => {
    const now = Date.now();
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0022"),
    );
    const before = await schemaNames();
    for (const name of ["conversions_pending", "ledger_previous_insert", "ledger_previous_update"])
      expect(before).toContain(name);

    // The running release writes on the old side: a pending conversion, and one approved at once.
    const program = aProgram({ holdDays: 0 });
    await insertProgram(db, program, "key-hash");
    const [pending, approved] = await seedConversions(
      db,
      aConversion({ programId: program.id, createdAt: now - 2000 }),
      aConversion({
        programId: program.id,
        createdAt: now - 1000,
        status: "approved",
        initialStatus: "approved",
      }),
    );
    if (!pending || !approved) throw new Error("not seeded");

    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    const after = await schemaNames();
    for (const name of ["conversions_pending", "ledger_previous_insert", "ledger_previous_update"])
      expect(after).not.toContain(name);
    expect(after).toContain("ledger_on_update");
    expect(after).toContain("conversions_by_program");

    // The hold job's read works without the index, and finds the pending one.
    expect((await pendingBefore(db, program.id, now, 10)).map((c) => c.id)).toEqual([pending.id]);

    // An approval writes its entry, a refusal its clawback: through `ledger_on_update` alone.
    const read = await getConversion(db, pending.id);
    if (!read) throw new Error("gone");
    const approval = await updateConversion(
      db,
      read,
      { status: "approved", amount: null },
      null,
      "admin",
      now,
    );
    if (!approval) throw new Error("not approved");
    await updateConversion(
      db,
      approval.conversion,
      { status: "refused", amount: null },
      null,
      "admin",
      now + 1,
    );
    expect(await entries(pending.id)).toEqual([pending.commission, -pending.commission]);
    // The approved-at-once seed owes its commission: its `ledgered` was set by its own insert.
    expect(await ledgerDrift(db)).toBe(0);
  });
});
