import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readClicks } from "../../src/storage/click-reads";
import { SELECT_CLICKS_SQL } from "../fixtures/previous-release/click-statements";
import {
  applyMigrationsBefore,
  attributedClick,
  db,
  IP_HASH,
  NOW,
  oldClick,
  PARTNER,
  PROGRAM,
  upgraded,
  writeBatch,
} from "../support/previous-release";

describe("migration 0009: the previous release's clicks in today's form", () => {
  it("copies the text-ID clicks written in 0008's window, and leaves the previous release its rows", async () => {
    await applyMigrationsBefore("0009");
    const clicks = [oldClick(NOW - 60_000), oldClick(NOW - 50_000)];
    await writeBatch("batch-1", clicks, "run-1");
    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    const ids = clicks.map((c) => c.id);
    const found = await readClicks(upgraded, ids);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    expect(found.get(ids[0] ?? "")).toMatchObject({
      programId: PROGRAM,
      ipHash: IP_HASH.slice(0, 32),
    });
    expect(await attributedClick(ids[1] ?? "")).toMatchObject({
      clickId: ids[1],
      partnerId: PARTNER,
    });
    // Expand only: the previous release, if it still runs, finds its own rows.
    const { results } = await db.prepare(SELECT_CLICKS_SQL).bind(JSON.stringify(ids)).all();
    expect(results.map((row) => row.id).sort()).toEqual([...ids].sort());
  });
});
