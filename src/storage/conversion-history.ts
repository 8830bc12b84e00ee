import type { ChangeSource, ConversionChange } from "../domain/conversion-update";
import { newLogId } from "../domain/ids";
import { BY_ORDER } from "./conversions";

/** A conversion's history (migration 0007): one row per field changed, oldest first. */
export interface HistoryEntry {
  changedAt: number;
  source: ChangeSource;
  field: ConversionChange["field"];
  old: string | null;
  new: string | null;
  /** Who decided, for admin changes (migration 0011): an Access email or `admin-token`. */
  operator: string | null;
}

interface HistoryRow {
  changed_at: number;
  source: ChangeSource;
  field: ConversionChange["field"];
  old_value: string | null;
  new_value: string | null;
  operator: string | null;
}

/**
 * The history rows of a change, written only if the statement just before (the conversion's
 * compare-and-set update, in the same transaction) changed a row: a lost race leaves no trace.
 */
export function insertHistoryIfChangedStatement(
  db: D1Database,
  conversionId: string,
  changes: ConversionChange[],
  source: ChangeSource,
  now: number,
  operator: string | null = null,
  base = newLogId(now),
) {
  const rows = changes.map((change, i) => ({ ...change, id: `${base}${i}` }));
  return db
    .prepare(
      `INSERT INTO conversion_history (conversion_id, id, changed_at, source, field, old_value,
         new_value, operator)
       SELECT ?1, value ->> '$.id', ?2, ?3, value ->> '$.field', value ->> '$.old',
         value ->> '$.new', ?5
       FROM json_each(?4) WHERE changes() = 1`,
    )
    .bind(conversionId, now, source, JSON.stringify(rows), operator);
}

export async function historyOf(db: D1Database, conversionId: string): Promise<HistoryEntry[]> {
  const { results } = await db
    .prepare("SELECT * FROM conversion_history WHERE conversion_id = ?1 ORDER BY id")
    .bind(conversionId)
    .all<HistoryRow>();
  return results.map(toHistoryEntry);
}

/**
 * The history of the conversion `selectByOrderStatement` finds (same bindings), to read in the same
 * batch: a replay then answers without a round trip of its own. None for an order not registered.
 */
export function selectHistoryByOrderStatement(
  db: D1Database,
  programId: string,
  goal: string | null,
  orderId: string,
) {
  return db
    .prepare(
      `SELECT * FROM conversion_history
       WHERE conversion_id = (SELECT id FROM conversions WHERE ${BY_ORDER}) ORDER BY id`,
    )
    .bind(programId, goal, orderId);
}

export const historyEntries = (result: D1Result | undefined): HistoryEntry[] =>
  ((result?.results ?? []) as HistoryRow[]).map(toHistoryEntry);

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    changedAt: row.changed_at,
    source: row.source,
    field: row.field,
    old: row.old_value,
    new: row.new_value,
    operator: row.operator,
  };
}
