import type { Conversion } from "../domain/conversion";
import type { ChangeSource, ConversionChange } from "../domain/conversion-update";
import { newLogId } from "../domain/ids";
import { DEFAULT_VALUE_CAP } from "../domain/report-dims";
import { insertHistoryIfChangedStatement } from "./conversion-history";
import { type ConversionRow, firstConversion, toConversion } from "./conversions";
import { changeRollupStatement, conversionChangeEntry, type RollupEntry } from "./rollups";

/** Changes to registered conversions: compare-and-set writes with their history. */

/**
 * Who made an admin change, and what is written with it when it applies (its audit entry, which
 * runs right after the history rows and the counts, and through `changes()`, only if they were
 * written).
 */
export interface ChangeTrail {
  operator: string;
  also: (changes: ConversionChange[]) => D1PreparedStatement[];
}

/**
 * `next` written over `before` only if the row is still as `before` was read (compare-and-set;
 * the update returns the row when it applied), then the change's history rows, which are written
 * only if it did, and what it changes in the reports' counts (only if the history was written; none
 * for a conversion registered before the counts kept its keys, whose registration they never
 * counted): to run in one transaction. The update also sets `ledgered` to what the conversion
 * now owes (its commission when approved, else 0): a trigger of migration 0019 writes the
 * difference as a ledger entry within the same statement (docs/payouts.md).
 */
export function conversionUpdateStatements(
  db: D1Database,
  before: Conversion,
  next: Conversion,
  changes: ConversionChange[],
  source: ChangeSource,
  now: number,
  trail?: ChangeTrail,
  cap = DEFAULT_VALUE_CAP,
) {
  const { statements, counts } = conversionUpdateParts(
    db,
    before,
    next,
    changes,
    source,
    now,
    trail,
  );
  return counts ? [...statements, changeRollupStatement(db, [counts], cap)] : statements;
}

/**
 * The update's statements (the compare-and-set, its history, the trail's), and its change to the
 * reports' counts, to be counted by `changeRollupStatement` in the same transaction: many
 * updates' counts go in one statement.
 */
export function conversionUpdateParts(
  db: D1Database,
  before: Conversion,
  next: Conversion,
  changes: ConversionChange[],
  source: ChangeSource,
  now: number,
  trail?: ChangeTrail,
): { statements: D1PreparedStatement[]; counts: RollupEntry | null } {
  const history = newLogId(now);
  const statements = [
    db
      .prepare(
        `UPDATE conversions SET status = ?2, amount = ?3, commission = ?4, refuse_reason = ?5,
           updated_at = ?6, ledgered = CASE WHEN ?2 = 'approved' THEN ?4 ELSE 0 END
         WHERE id = ?1 AND status = ?7 AND amount = ?8 AND commission = ?9 AND refuse_reason IS ?10
         RETURNING *`,
      )
      .bind(
        before.id,
        next.status,
        next.amount,
        next.commission,
        next.refuseReason,
        next.updatedAt,
        before.status,
        before.amount,
        before.commission,
        before.refuseReason,
      ),
    insertHistoryIfChangedStatement(db, before.id, changes, source, now, trail?.operator, history),
    ...(trail?.also(changes) ?? []),
  ];
  return { statements, counts: conversionChangeEntry(before, next, `${history}0`) };
}

/** The update in one transaction: whether it applied, and the row as it now is. */
export async function writeConversionUpdate(
  db: D1Database,
  before: Conversion,
  next: Conversion,
  changes: ConversionChange[],
  source: ChangeSource,
  now: number,
  trail?: ChangeTrail,
  cap = DEFAULT_VALUE_CAP,
): Promise<{ applied: boolean; conversion: Conversion | null }> {
  const results = await db.batch([
    ...conversionUpdateStatements(db, before, next, changes, source, now, trail, cap),
    db.prepare("SELECT * FROM conversions WHERE id = ?1").bind(before.id),
  ]);
  const [update, after] = [results[0], results[results.length - 1]];
  return { applied: (update?.results.length ?? 0) > 0, conversion: firstConversion(after) };
}

/** A program's pending conversions registered before `before`, oldest first (the hold period). */
export async function pendingBefore(
  db: D1Database,
  programId: string,
  before: number,
  limit: number,
  since = 0,
): Promise<Conversion[]> {
  // Through `conversions_by_program` from `since` on (the partial index of pending conversions
  // is gone since migration 0022).
  const { results } = await db
    .prepare(
      `SELECT * FROM conversions
       WHERE program_id = ?1 AND status = 'pending' AND created_at >= ?4 AND created_at < ?2
       ORDER BY created_at LIMIT ?3`,
    )
    .bind(programId, before, limit, since)
    .all<ConversionRow>();
  return results.map(toConversion);
}
