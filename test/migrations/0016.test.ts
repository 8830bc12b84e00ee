import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getPartner } from "../../src/storage/partners";
import { memberProgramIds } from "../../src/storage/program-partners";
import { getProgram } from "../../src/storage/programs";

// The previous release's own statements (before 0016 and 0017), as it still runs them between
// `migrate` and `deploy`: they name their columns, so the new ones must take their defaults.
const OLD_PROGRAM = `INSERT INTO programs (id, name, landing_url, allowed_domains, attribution_window_days,
  attribution_model, revenue_share, commission_type, commission_value, commission_currency,
  auto_approve, first_party_cookie_domain, postbacks_per_minute, updated_at, goals, hold_days,
  min_seconds_to_convert, default_goal, key_hash, created_at)
  VALUES (?1, 'Old', 'https://shop.example/', '["shop.example"]', 30, 'last_click', 0, 'percent',
  100000, NULL, 0, NULL, 600, 1, NULL, NULL, NULL, NULL, 'hash', 1)`;
const OLD_PARTNER =
  "INSERT INTO partners (id, name, email, created_at) VALUES (?1, 'Old', NULL, 1)";
const OLD_LINK =
  "INSERT INTO links (id, program_id, partner_id, destination, disabled, created_at) VALUES (?1, ?2, ?3, NULL, 0, 1)";

describe("migrations 0016 and 0017: partner accounts and applications", () => {
  it("leave what the previous release writes working, with the new fields at their defaults", async () => {
    const db = env.MIGRATION_DB;
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0016"),
    );
    const [before, after] = ["0a".repeat(12), "0b".repeat(12)];
    const partner = "0c".repeat(12);
    await db.batch([
      db.prepare(OLD_PROGRAM).bind(before),
      db.prepare(OLD_PARTNER).bind(partner),
      db.prepare(OLD_LINK).bind("link-before", before, partner),
    ]);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    // The previous release, still running, writes again after the migration.
    await db.batch([
      db.prepare(OLD_PROGRAM).bind(after),
      db.prepare(OLD_LINK).bind("link-after", after, partner),
    ]);
    for (const id of [before, after])
      expect(await getProgram(db, id)).toMatchObject({
        applicationsOpen: false,
        partnersSeeAmounts: false,
      });
    expect(await getPartner(db, partner)).toMatchObject({ disabledAt: null });
    // Links written by either version make the partner a member of their programs.
    expect((await memberProgramIds(db, partner)).sort()).toEqual([before, after].sort());
  });
});
