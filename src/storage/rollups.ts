/**
 * Counter rows per (UTC day, link) with their report rollups (migrations 0003 and 0014): what the
 * click writer, the conversion writer and status updates add, each in the transaction of the write
 * it counts, so a count is exactly as durable, and as single, as that write.
 */
import { utcDay } from "../domain/entities";
import {
  addMeasures,
  type CountedConversion,
  conversionMeasures,
  type DimsDelta,
  measuresChange,
  type ReportKeys,
} from "../domain/report-dims";
import { rollupUpsertSql } from "./rollups-sql";

export interface RollupEntry {
  day: string;
  linkId: string;
  clicks?: number;
  botHits?: number;
  impressions?: number;
  programId?: string | null;
  partnerId?: string | null;
  dims?: DimsDelta;
  /** What `when` may look at: a click batch's id. */
  tag?: string;
}

const tuple = (e: RollupEntry) => [
  e.day,
  e.linkId,
  e.clicks ?? 0,
  e.botHits ?? 0,
  e.impressions ?? 0,
  e.programId ?? null,
  e.partnerId ?? null,
  e.dims && Object.keys(e.dims).length ? e.dims : null,
  e.tag ?? null,
];

/**
 * The upsert of `entries`, counting only those `when` accepts (an SQL condition on the entry `v`,
 * whose tag is `v ->> '$[8]'`). A condition that reads `?3` passes `param` for it; one that does
 * not passes none (D1 refuses a binding its SQL does not use).
 */
export function rollupStatement(
  db: D1Database,
  entries: RollupEntry[],
  cap: number,
  when = "true",
  param?: string,
): D1PreparedStatement {
  const json = JSON.stringify(entries.map(tuple));
  const statement = db.prepare(rollupUpsertSql(when));
  return param === undefined ? statement.bind(json, cap) : statement.bind(json, cap, param);
}

/**
 * The counter row of a conversion without a click (a voucher's, a revenue share's): per program
 * and partner, under a link key no link has (`~` is outside link IDs). Reports show its link as null.
 */
export const clicklessLinkKey = (programId: string, partnerId: string) =>
  `~${programId}~${partnerId}`;

interface RolledConversion extends CountedConversion {
  id: string;
  programId: string;
  partnerId: string;
  createdAt: number;
  reportKeys?: ReportKeys | null;
}

function conversionEntry(c: RolledConversion, dims: DimsDelta): RollupEntry {
  const keys = c.reportKeys ?? { day: utcDay(c.createdAt), link: null, dims: null };
  return {
    day: keys.day,
    linkId: keys.link ?? clicklessLinkKey(c.programId, c.partnerId),
    programId: c.programId,
    partnerId: c.partnerId,
    dims,
  };
}

/**
 * A new conversion's counts. It must follow the conversion's insert in the same batch: it counts
 * only if that insert wrote the row (`changes()`), so a replay of a write that did commit (the same
 * conversion, the same id, after an ambiguous failure) counts nothing, where a test of the row's
 * existence would count it again.
 */
export function conversionRollupStatement(db: D1Database, c: RolledConversion, cap: number) {
  const dims: DimsDelta = {};
  addMeasures(dims, c.reportKeys?.dims ?? null, conversionMeasures(c));
  return rollupStatement(db, [conversionEntry(c, dims)], cap, "changes() = 1");
}

/**
 * What an update changes in the counts, tagged with the update's first history row (`historyId`):
 * null when the counts do not change, or for a conversion registered before the counts kept its
 * keys (its registration was never counted, so its changes are not either).
 */
export function conversionChangeEntry(
  before: RolledConversion,
  after: CountedConversion,
  historyId: string,
): RollupEntry | null {
  if (!before.reportKeys) return null;
  const change = measuresChange(conversionMeasures(before), conversionMeasures(after));
  if (!Object.keys(change).length) return null;
  const dims: DimsDelta = {};
  addMeasures(dims, before.reportKeys.dims, change);
  return { ...conversionEntry(before, dims), tag: `${before.id}|${historyId}` };
}

/**
 * The counts of updates, each only if its history row exists, which the same transaction wrote
 * only if the update applied (a compare-and-set a racing writer may have won): one statement for
 * any number of updates.
 */
export function changeRollupStatement(db: D1Database, entries: RollupEntry[], cap: number) {
  return rollupStatement(
    db,
    entries,
    cap,
    `EXISTS (SELECT 1 FROM conversion_history h
       WHERE h.conversion_id = substr(v ->> '$[8]', 1, instr(v ->> '$[8]', '|') - 1)
         AND h.id = substr(v ->> '$[8]', instr(v ->> '$[8]', '|') + 1))`,
  );
}
