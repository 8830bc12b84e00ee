import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickBatch } from "../../src/domain/click-batch";
import { newId, newLinkId } from "../../src/domain/ids";
import { clickBatchStatements, deleteOldReceipts } from "../../src/storage/click-batches";
import { aClick } from "../support/storage-clicks";

const db = env.DB;
const DAY = "2026-05-01";
const AT = Date.parse(`${DAY}T12:00:00Z`);

const write = (batches: ClickBatch[], runId: string) =>
  db.batch(clickBatchStatements(db, batches, runId, AT));

const countsOf = (linkId: string) =>
  db
    .prepare(
      "SELECT clicks, bot_hits, impressions FROM daily_link_counts WHERE link_id = ?1 AND day = ?2",
    )
    .bind(linkId, DAY)
    .first();

const storedClicks = async (linkId: string) =>
  (
    await db
      .prepare("SELECT count(*) AS n FROM clicks WHERE link_id = ?1")
      .bind(linkId)
      .first<{ n: number }>()
  )?.n;

function batchOf(linkId: string, clicks: number, hits = 0): ClickBatch {
  return {
    id: newId(AT),
    clicks: Array.from({ length: clicks }, () => aClick({ linkId, createdAt: AT })),
    hits: hits ? [{ linkId, day: DAY, counts: { clicks: 0, bot_hits: hits, impressions: 1 } }] : [],
  };
}

describe("storage/click-batches", () => {
  it("writes a batch's clicks and counters; a redelivery in a later run counts nothing again", async () => {
    const link = newLinkId();
    const batch = batchOf(link, 3, 2);
    await write([batch], "run-1");
    await write([batch], "run-2");
    expect(await storedClicks(link)).toBe(3);
    expect(await countsOf(link)).toEqual({ clicks: 3, bot_hits: 2, impressions: 1 });
    const receipt = await db
      .prepare("SELECT run_id, written_at FROM click_batches WHERE id = ?1")
      .bind(batch.id)
      .first();
    expect(receipt).toEqual({ run_id: "run-1", written_at: AT });
  });

  it("writes a batch of one click with no receipt, counted only if its row is new", async () => {
    const link = newLinkId();
    const single = batchOf(link, 1);
    expect(clickBatchStatements(db, [single], "run", AT)).toHaveLength(2);
    await write([single], "run-1");
    await write([single], "run-2");
    expect(await countsOf(link)).toMatchObject({ clicks: 1 });
    expect(
      await db.prepare("SELECT 1 FROM click_batches WHERE id = ?1").bind(single.id).first(),
    ).toBeNull();
  });

  it("drops a batch given twice in the same run before anything is counted", async () => {
    const link = newLinkId();
    const batch = batchOf(link, 2);
    await write([batch, batch], "run-1");
    expect(await countsOf(link)).toMatchObject({ clicks: 2 });
  });

  it("counts several batches of one link and day in one upsert, each once", async () => {
    const link = newLinkId();
    await write([batchOf(link, 2, 1), batchOf(link, 4, 3)], "run-1");
    expect(await countsOf(link)).toEqual({ clicks: 6, bot_hits: 4, impressions: 2 });
  });

  it("inserts 1,200 clicks in statements of at most 500 clicks", async () => {
    const link = newLinkId();
    const batch = batchOf(link, 1_200);
    const statements = clickBatchStatements(db, [batch], "run", AT);
    // The receipt, the counters, then three inserts.
    expect(statements).toHaveLength(5);
    await db.batch(statements);
    expect(await storedClicks(link)).toBe(1_200);
    expect(await countsOf(link)).toMatchObject({ clicks: 1_200 });
  });

  it("splits clicks with long sub-IDs below about 1 MB of JSON a statement", async () => {
    const link = newLinkId();
    const batch = batchOf(link, 200);
    for (const click of batch.clicks) click.subIds = ["x".repeat(2_000), null, null, null, null];
    const statements = clickBatchStatements(db, [batch], "run", AT);
    expect(statements.length).toBeGreaterThan(3);
    await db.batch(statements);
    expect(await storedClicks(link)).toBe(200);
  });

  it("deletes receipts older than a time, at most a batch at a time", async () => {
    const old = [newId(), newId(), newId()];
    await db
      .prepare(
        "INSERT INTO click_batches (id, run_id, written_at) SELECT value, 'old', 1000 FROM json_each(?1)",
      )
      .bind(JSON.stringify(old))
      .run();
    const recent = batchOf(newLinkId(), 2);
    await write([recent], "recent");
    expect(await deleteOldReceipts(db, 2_000, 2)).toBe(2);
    expect(await deleteOldReceipts(db, 2_000, 10)).toBeGreaterThanOrEqual(1);
    const left = await db
      .prepare("SELECT id FROM click_batches WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify([...old, recent.id]))
      .all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual([recent.id]);
  });
});
