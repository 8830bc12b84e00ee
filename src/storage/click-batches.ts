import { type ClickBatch, type CountDelta, countDeltas } from "../domain/click-batch";
import { utcDay } from "../domain/entities";
import { groupsUnder } from "../domain/size-groups";
import { insertClicksStatement } from "./clicks";
import { addCountsStatement } from "./link-counts";

/** D1 takes at most 2 MB in one string parameter and 100 KB of SQL: clicks go in chunks. */
const MAX_CLICKS_PER_STATEMENT = 500;
const MAX_JSON_BYTES = 1_000_000;

const clickCounts = (batch: ClickBatch): CountDelta[] =>
  countDeltas(
    batch.clicks.map((c) => ({
      linkId: c.linkId,
      at: utcDay(c.createdAt),
      counter: "clicks",
      programId: c.programId,
      partnerId: c.partnerId,
    })),
  );

/**
 * The statements that write `batches` exactly once, to run as one D1 batch (a transaction), in as
 * few statements as the limits allow. Clicks are inserted idempotently (the aecid is the key).
 * Counters count once per batch, whatever is written again: a batch of one click counts only if
 * its click row is new (`changes()`); any other batch only if its receipt (`click_batches`) is
 * new, which `runId` tells apart from receipts of earlier writes. A batch given twice (a send
 * retried whole, a replay whose letter stayed) is written once: both copies would match this
 * run's receipt, so the second is dropped before anything is counted.
 */
export function clickBatchStatements(
  db: D1Database,
  given: ClickBatch[],
  runId: string,
  now: number,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  const seen = new Set<string>();
  const batches = given.filter((b) => !seen.has(b.id) && seen.add(b.id));
  const receipted = batches.filter((b) => b.clicks.length !== 1 || b.hits.length > 0);
  for (const single of batches.filter((b) => !receipted.includes(b))) {
    statements.push(insertClicksStatement(db, single.clicks));
    statements.push(addCountsStatement(db, clickCounts(single), true));
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
  const counts = receipted.flatMap((b) =>
    [...clickCounts(b), ...b.hits].map((d) => [
      b.id,
      d.day,
      d.linkId,
      d.counts.clicks,
      d.counts.bot_hits,
      d.counts.impressions,
      d.programId ?? null,
      d.partnerId ?? null,
    ]),
  );
  if (counts.length) {
    statements.push(
      db
        .prepare(
          `INSERT INTO daily_link_counts (day, link_id, clicks, bot_hits, impressions, program_id,
             partner_id)
           SELECT value ->> '$[1]', value ->> '$[2]', sum(value ->> '$[3]'), sum(value ->> '$[4]'),
                  sum(value ->> '$[5]'), max(value ->> '$[6]'), max(value ->> '$[7]')
           FROM json_each(?1)
           WHERE EXISTS (SELECT 1 FROM click_batches b WHERE b.id = value ->> '$[0]' AND b.run_id = ?2)
           GROUP BY value ->> '$[1]', value ->> '$[2]'
           ON CONFLICT (day, link_id) DO UPDATE SET clicks = clicks + excluded.clicks,
             bot_hits = bot_hits + excluded.bot_hits, impressions = impressions + excluded.impressions,
         program_id = coalesce(program_id, excluded.program_id),
         partner_id = coalesce(partner_id, excluded.partner_id)`,
        )
        .bind(JSON.stringify(counts), runId),
    );
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
