import type { ClickBatch } from "../domain/click-batch";
import { utcDay } from "../domain/entities";
import { ALL, addMeasures, DEFAULT_VALUE_CAP, dimValuesOf, NONE_KEY } from "../domain/report-dims";
import { groupsUnder } from "../domain/size-groups";
import { insertClicksStatement } from "./clicks";
import { type RollupEntry, rollupStatement } from "./rollups";

/** D1 takes at most 2 MB in one string parameter and 100 KB of SQL: clicks go in chunks. */
const MAX_CLICKS_PER_STATEMENT = 500;
const MAX_JSON_BYTES = 1_000_000;

/** A batch's counts: one entry per link and day, its clicks' rollups included, its hits as they are. */
function countsOf(batch: ClickBatch): RollupEntry[] {
  const entries = new Map<string, RollupEntry>();
  for (const c of batch.clicks) {
    const day = utcDay(c.createdAt);
    const key = `${day}|${c.linkId}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        day,
        linkId: c.linkId,
        clicks: 0,
        programId: c.programId,
        partnerId: c.partnerId,
        dims: {},
        tag: batch.id,
      };
      entries.set(key, entry);
    }
    entry.clicks = (entry.clicks ?? 0) + 1;
    addMeasures(entry.dims ?? {}, dimValuesOf(c), { c: 1 });
  }
  const hits = batch.hits.map((d) => ({
    day: d.day,
    linkId: d.linkId,
    botHits: d.counts.bot_hits,
    impressions: d.counts.impressions,
    programId: d.programId ?? null,
    partnerId: d.partnerId ?? null,
    // Bot hits come without their values: reports show them by day, partner and link only.
    dims: d.dims ?? (d.counts.bot_hits ? { [ALL]: { [NONE_KEY]: { b: d.counts.bot_hits } } } : {}),
    tag: batch.id,
  }));
  return [...entries.values(), ...hits];
}

/**
 * The statements that write `batches` exactly once, to run as one D1 batch (a transaction), in as
 * few statements as the limits allow. Clicks are inserted idempotently (the aecid is the key).
 * Counters count once per batch, whatever is written again: a batch of one click counts only if
 * its click row is new (`changes()`); any other batch only if its receipt (`click_batches`) is
 * new, which `runId` tells apart from receipts of earlier writes. A batch given twice (a send
 * retried whole, a replay whose letter stayed) is written once: both copies would match this
 * run's receipt, so the second is dropped before anything is counted. `cap`: the reports' limit
 * of distinct values per day, link and dimension (storage/rollups-sql.ts).
 */
export function clickBatchStatements(
  db: D1Database,
  given: ClickBatch[],
  runId: string,
  now: number,
  cap = DEFAULT_VALUE_CAP,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  const seen = new Set<string>();
  const batches = given.filter((b) => !seen.has(b.id) && seen.add(b.id));
  const receipted = batches.filter((b) => b.clicks.length !== 1 || b.hits.length > 0);
  for (const single of batches.filter((b) => !receipted.includes(b))) {
    statements.push(insertClicksStatement(db, single.clicks));
    statements.push(rollupStatement(db, countsOf(single), cap, "changes() > 0"));
  }
  if (!receipted.length) return statements;
  statements.push(
    db
      .prepare(
        `INSERT INTO click_batches (id, run_id, written_at)
         SELECT value, ?2, ?3 FROM json_each(?1) WHERE true ON CONFLICT (id) DO NOTHING`,
      )
      .bind(JSON.stringify(receipted.map((b) => b.id)), runId, now),
  );
  const counts = receipted.flatMap(countsOf);
  if (counts.length) {
    const receiptIsNew =
      "EXISTS (SELECT 1 FROM click_batches b WHERE b.id = v ->> '$[8]' AND b.run_id = ?3)";
    statements.push(rollupStatement(db, counts, cap, receiptIsNew, runId));
  }
  for (const chunk of chunks(receipted.flatMap((b) => b.clicks))) {
    statements.push(insertClicksStatement(db, chunk));
  }
  return statements;
}

/**
 * Clicks in statements of at most MAX_CLICKS_PER_STATEMENT and about MAX_JSON_BYTES of JSON (3
 * bytes per character at worst). Each full slice is measured whole, once; only a slice too big
 * (long sub-IDs) is measured click by click.
 */
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += MAX_CLICKS_PER_STATEMENT) {
    const slice = items.slice(at, at + MAX_CLICKS_PER_STATEMENT);
    if (JSON.stringify(slice).length * 3 <= MAX_JSON_BYTES) out.push(slice);
    else out.push(...groupsUnder(slice, (c) => JSON.stringify(c).length * 3, MAX_JSON_BYTES));
  }
  return out;
}

/**
 * How long a batch's receipt is kept: longer than any redelivery (a queue keeps a message 14 days
 * at most), and it bounds how long a dead letter can be replayed (click/replay-dead-letters.ts).
 */
export const RECEIPT_DAYS = 30;

/** Receipts older than `beforeMs` (a queue keeps a message 14 days at most). */
export async function deleteOldReceipts(db: D1Database, beforeMs: number, batch: number) {
  const result = await db
    .prepare(
      `DELETE FROM click_batches WHERE id IN (
         SELECT id FROM click_batches WHERE written_at < ?1 LIMIT ?2)`,
    )
    .bind(beforeMs, batch)
    .run();
  return result.meta.changes;
}
