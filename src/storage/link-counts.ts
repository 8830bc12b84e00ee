/**
 * Clicks, bot hits and impressions per link and UTC day: what reports read (migration 0003). One
 * row is written per link and day per batch, not per hit.
 */
import type { CountDelta } from "../domain/click-batch";
import { DEFAULT_VALUE_CAP } from "../domain/report-dims";
import { rollupStatement } from "./rollups";

/**
 * Many counter increments in one upsert (storage/rollups-sql.ts). With `afterClickInsert`, it must
 * follow the click insert in the same batch and only counts if that insert wrote rows
 * (`changes()`), so replaying a batch that was in fact committed (an ambiguous failure, then a
 * retry) cannot count its clicks twice.
 */
export function addCountsStatement(
  db: D1Database,
  deltas: CountDelta[],
  afterClickInsert = false,
  cap = DEFAULT_VALUE_CAP,
) {
  const entries = deltas.map((d) => ({
    day: d.day,
    linkId: d.linkId,
    clicks: d.counts.clicks,
    botHits: d.counts.bot_hits,
    impressions: d.counts.impressions,
    programId: d.programId ?? null,
    partnerId: d.partnerId ?? null,
    ...(d.dims ? { dims: d.dims } : {}),
  }));
  return rollupStatement(db, entries, cap, afterClickInsert ? "changes() > 0" : "true");
}
