import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type SubIds, utcDay } from "../../src/domain/entities";
import { enforceRetention } from "../../src/retention/enforce-retention";
import { erasePersonalFields, getClick, readClicks } from "../../src/storage/click-reads";
import { commitClickBatches } from "../../src/storage/click-shard-writes";
import { trafficBy } from "../../src/storage/stats";
import { ERASE_CLICK_SQL, SELECT_CLICKS_SQL } from "../fixtures/previous-release/click-statements";
import {
  AGENT,
  applyMigrationsBefore,
  attributedClick,
  DAY,
  db,
  IP_HASH,
  LINK,
  NOW,
  oldClick,
  PARTNER,
  PROGRAM,
  upgraded,
  writeBatch,
  writeSingle,
} from "../support/previous-release";

/**
 * `npm run deploy` migrates, then deploys: until the new version is live, the previous release
 * (test/fixtures/previous-release) writes and reads clicks in the new schema. Whatever it writes
 * must be found, counted and kept by today's code.
 */
describe("the previous release against the new schema (between migrate and deploy)", () => {
  it("writes clicks that today's code finds, attributes, counts and keeps for their retention", async () => {
    await applyMigrationsBefore("0008");
    const before = oldClick(NOW - 2 * DAY);
    await writeSingle(before);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    // The window: the previous release's consumer writes, a queue redelivers, postbacks read.
    const single = oldClick(NOW - 60_000);
    const pair = [oldClick(NOW - 50_000), oldClick(NOW - 40_000)];
    await writeSingle(single);
    await writeBatch("batch-1", pair, "run-1");
    await writeSingle(single);
    await writeBatch("batch-1", pair, "run-2");
    // A redelivery that reached the new version first, then the previous release.
    const raced = oldClick(NOW - 30_000);
    const { userAgent: _agent, ...racedToday } = raced;
    const today = { ...racedToday, subIds: raced.subIds as SubIds, device: null, uaHash: null };
    await commitClickBatches(
      upgraded,
      [{ id: "batch-2", clicks: [today], hits: [] }],
      "run-3",
      NOW,
    );
    await writeSingle(raced);
    const windowIds = [single.id, ...pair.map((c) => c.id)];
    const { results: oldReads } = await db
      .prepare(SELECT_CLICKS_SQL)
      .bind(JSON.stringify([before.id, ...windowIds]))
      .all<{ id: unknown }>();
    // The old version finds what it wrote in the window (not the clicks 0008 converted).
    expect(oldReads.map((row) => row.id).sort()).toEqual([...windowIds].sort());

    // Today's code: every click found, as it was written.
    const found = await readClicks(upgraded, [before.id, ...windowIds]);
    expect([...found.keys()].sort()).toEqual([before.id, ...windowIds].sort());
    expect(found.get(single.id)).toMatchObject({
      id: single.id,
      linkId: LINK,
      programId: PROGRAM,
      partnerId: PARTNER,
      createdAt: single.createdAt,
      subIds: ["news", null, null, null, null],
      ipHash: IP_HASH.slice(0, 32),
      legacyUserAgent: AGENT,
      refererHost: "blog.example",
    });
    for (const cid of [before.id, ...windowIds]) {
      expect(await attributedClick(cid)).toMatchObject({
        type: "click",
        clickId: cid,
        partnerId: PARTNER,
      });
    }
    const traffic = await trafficBy(upgraded, "link", {
      programId: PROGRAM,
      fromDay: utcDay(NOW - 2 * DAY),
      toDay: utcDay(NOW),
    });
    expect(traffic).toEqual([{ key: LINK, clicks: 5, bot_hits: 0, impressions: 0 }]);

    // An erasure the old version answers reaches the click today's code reads.
    await db.prepare(ERASE_CLICK_SQL).bind(pair[0]?.id).first();
    const erased = await getClick(upgraded, pair[0]?.id ?? "");
    expect(erased).toMatchObject({
      ipHash: null,
      refererHost: null,
      subIds: [null, null, null, null, null],
    });
    expect(erased).not.toHaveProperty("legacyUserAgent");
    // An erasure today's version answers reaches the previous release's row too.
    await erasePersonalFields(upgraded, single.id);
    expect(
      await db
        .prepare("SELECT ip_hash, user_agent, referer_host, sub1 FROM clicks WHERE id = ?1")
        .bind(single.id)
        .first(),
    ).toEqual({ ip_hash: null, user_agent: null, referer_host: null, sub1: null });

    // Retention keeps them until their time, then removes every copy.
    const early = await enforceRetention(upgraded, NOW + 10 * DAY);
    expect(early).toMatchObject({ clicksDeleted: 0, clicksErased: 0 });
    expect((await readClicks(upgraded, windowIds)).size).toBe(3);
    // The click from before the upgrade is past retention, the window's not yet: small batches
    // must reach it past the previous release's rows (which sort first).
    const between = await enforceRetention(upgraded, before.createdAt + 396 * DAY, 2);
    expect(between).toMatchObject({ clicksDeleted: 1, clicksErased: 0 });
    expect([...(await readClicks(upgraded, [before.id, ...windowIds])).keys()].sort()).toEqual(
      [...windowIds].sort(),
    );
    await enforceRetention(upgraded, NOW + 400 * DAY);
    expect(await db.prepare("SELECT count(*) AS n FROM clicks").first("n")).toBe(0);
  });
});
