/**
 * Clicks, bot hits and impressions per link and UTC day: what reports read (migration 0003). One
 * row is written per link and day per batch, not per hit.
 */
import type { CountDelta } from "../domain/click-batch";

/**
 * Many counter increments in one upsert. With `afterClickInsert`, it must follow the click insert
 * in the same batch and only counts if that insert wrote rows (`changes()`), so replaying a batch
 * that was in fact committed (an ambiguous failure, then a retry) cannot count its clicks twice.
 */
export function addCountsStatement(db: D1Database, deltas: CountDelta[], afterClickInsert = false) {
  const rows = deltas.map((d) => [
    d.day,
    d.linkId,
    d.counts.clicks,
    d.counts.bot_hits,
    d.counts.impressions,
    d.programId ?? null,
    d.partnerId ?? null,
  ]);
  return db
    .prepare(
      `INSERT INTO daily_link_counts (day, link_id, clicks, bot_hits, impressions, program_id,
         partner_id)
       SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]',
         value ->> '$[5]', value ->> '$[6]'
       FROM json_each(?1) WHERE ?2 = 0 OR changes() > 0
       ON CONFLICT (day, link_id) DO UPDATE SET clicks = clicks + excluded.clicks,
         bot_hits = bot_hits + excluded.bot_hits, impressions = impressions + excluded.impressions,
         program_id = coalesce(program_id, excluded.program_id),
         partner_id = coalesce(partner_id, excluded.partner_id)`,
    )
    .bind(JSON.stringify(rows), afterClickInsert ? 1 : 0);
}
