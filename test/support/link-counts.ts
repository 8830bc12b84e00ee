/**
 * Counter rows seeded straight, for the tests of what reads them (stats, reports): the click
 * writer's own upsert (src/storage/rollups.ts) over plain count deltas. The Worker itself counts
 * only through its writers (storage/click-batches.ts, conversion-writes.ts), never this.
 */
import type { CountDelta } from "../../src/domain/click-batch";
import { DEFAULT_VALUE_CAP } from "../../src/domain/report-dims";
import { rollupStatement } from "../../src/storage/rollups";

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
