import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CountDelta } from "../../src/domain/click-batch";
import { newLinkId } from "../../src/domain/ids";
import { insertClicksStatement } from "../../src/storage/clicks";
import { addCountsStatement } from "../support/link-counts";
import { aClick } from "../support/storage-clicks";

const db = env.DB;

const delta = (
  linkId: string,
  day: string,
  clicks: number,
  extra: Partial<CountDelta> = {},
): CountDelta => ({
  linkId,
  day,
  counts: { clicks, bot_hits: 2, impressions: 3 },
  ...extra,
});

const countsOf = (linkId: string, day: string) =>
  db
    .prepare(
      "SELECT clicks, bot_hits, impressions, program_id, partner_id FROM daily_link_counts WHERE link_id = ?1 AND day = ?2",
    )
    .bind(linkId, day)
    .first();

describe("storage/link-counts", () => {
  it("writes a row per link and day, then adds to it (integers, not text)", async () => {
    const link = newLinkId();
    await addCountsStatement(db, [
      delta(link, "2026-01-01", 1),
      delta(link, "2026-01-02", 5),
    ]).run();
    await addCountsStatement(db, [delta(link, "2026-01-01", 4)]).run();
    expect(await countsOf(link, "2026-01-01")).toEqual({
      clicks: 5,
      bot_hits: 4,
      impressions: 6,
      program_id: null,
      partner_id: null,
    });
    expect(await countsOf(link, "2026-01-02")).toMatchObject({
      clicks: 5,
      bot_hits: 2,
      impressions: 3,
    });
  });

  it("keeps the first program and partner it was told, filling them in when they were unknown", async () => {
    const link = newLinkId();
    await addCountsStatement(db, [delta(link, "2026-02-01", 1)]).run();
    await addCountsStatement(db, [
      delta(link, "2026-02-01", 1, { programId: "p1", partnerId: "a1" }),
    ]).run();
    await addCountsStatement(db, [
      delta(link, "2026-02-01", 1, { programId: "p2", partnerId: "a2" }),
    ]).run();
    expect(await countsOf(link, "2026-02-01")).toMatchObject({
      clicks: 3,
      program_id: "p1",
      partner_id: "a1",
    });
  });

  it("after a click insert, counts only if that insert wrote rows (a replayed batch counts once)", async () => {
    const link = newLinkId();
    const click = aClick({ linkId: link });
    const write = () =>
      db.batch([
        insertClicksStatement(db, [click]),
        addCountsStatement(db, [delta(link, "2026-03-01", 1)], true),
      ]);
    await write();
    await write();
    expect(await countsOf(link, "2026-03-01")).toMatchObject({ clicks: 1, bot_hits: 2 });
  });

  it("takes 200 deltas in one statement (one JSON parameter)", async () => {
    const links = Array.from({ length: 200 }, () => newLinkId());
    await addCountsStatement(
      db,
      links.map((l) => delta(l, "2026-04-01", 7)),
    ).run();
    const row = await db
      .prepare(
        "SELECT count(*) AS n, sum(clicks) AS clicks FROM daily_link_counts WHERE day = '2026-04-01' AND link_id IN (SELECT value FROM json_each(?1))",
      )
      .bind(JSON.stringify(links))
      .first();
    expect(row).toEqual({ n: 200, clicks: 1_400 });
  });
});
