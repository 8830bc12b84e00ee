import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickBatch } from "../../src/domain/click-batch";
import { newId, newLinkId } from "../../src/domain/ids";
import { commitClickBatches } from "../../src/storage/click-shard-writes";
import { getClickIn } from "../../src/storage/clicks";
import { shardDb } from "../../src/storage/shards";
import { aClick, aecidIn } from "../support/storage-clicks";

const DAY = "2026-06-01";
const AT = Date.parse(`${DAY}T08:00:00Z`);
const SHARDS = ["DB", "CLICKS_1", "CLICKS_2"];

const countsIn = (binding: string, linkId: string) =>
  shardDb(env, binding)
    .prepare(
      "SELECT clicks, bot_hits, impressions, program_id, partner_id FROM daily_link_counts WHERE link_id = ?1 AND day = ?2",
    )
    .bind(linkId, DAY)
    .first();

describe("storage/click-shard-writes", () => {
  it("writes each click in its shard, counts it there, and keeps bot hits in the main database", async () => {
    const link = newLinkId();
    const programId = newId(AT);
    const partnerId = newId(AT);
    const clicks = SHARDS.flatMap((b) =>
      [0, 1].map(() =>
        aClick({ id: aecidIn(b, AT), linkId: link, programId, partnerId, createdAt: AT }),
      ),
    );
    const batch: ClickBatch = {
      id: newId(AT),
      clicks,
      hits: [{ linkId: link, day: DAY, counts: { clicks: 0, bot_hits: 5, impressions: 0 } }],
    };
    await commitClickBatches(env, [batch], "run-1", AT);
    await commitClickBatches(env, [batch], "run-2", AT);
    for (const [i, binding] of SHARDS.entries()) {
      for (const click of clicks.slice(i * 2, i * 2 + 2))
        expect(await getClickIn(shardDb(env, binding), click.id)).toEqual(click);
      expect(await countsIn(binding, link)).toEqual({
        clicks: 2,
        bot_hits: binding === "DB" ? 5 : 0,
        impressions: 0,
        program_id: programId,
        partner_id: partnerId,
      });
    }
  });

  it("writes a batch of hits only to the main database", async () => {
    const link = newLinkId();
    const batch: ClickBatch = {
      id: newId(AT),
      clicks: [],
      hits: [{ linkId: link, day: DAY, counts: { clicks: 0, bot_hits: 1, impressions: 4 } }],
    };
    await commitClickBatches(env, [batch], "run", AT);
    expect(await countsIn("DB", link)).toMatchObject({ bot_hits: 1, impressions: 4 });
    expect(await countsIn("CLICKS_1", link)).toBeNull();
    expect(await countsIn("CLICKS_2", link)).toBeNull();
  });
});
