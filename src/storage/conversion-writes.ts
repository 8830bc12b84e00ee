import { type Conversion, type ConversionSummary, sameCredit, summary } from "../domain/conversion";
import type { PostbackLogEntry } from "../domain/entities";
import { DEFAULT_VALUE_CAP } from "../domain/report-dims";
import { logEvent, reasonOf } from "../platform/log";
import {
  firstConversion,
  insertConversionStatement,
  selectByClickStatement,
  selectByOrderStatement,
} from "./conversions";
import { bindCustomerStatement } from "./customer-bindings";
import { registrationEntryStatement } from "./ledger-entries";
import { insertLogIfConvertedStatement } from "./postback-log";
import { conversionRollupStatement } from "./rollups";

/** What writing a conversion came to. */
export type Registration =
  | { kind: "registered"; conversion: ConversionSummary }
  | { kind: "duplicate"; conversion: ConversionSummary }
  | { kind: "order_conflict"; existing: ConversionSummary }
  | { kind: "click_taken"; existing: ConversionSummary }
  | { kind: "unavailable" };

/**
 * One D1 transaction (a batch): the conversion, its counts in the reports' rollups, the
 * revenue-share binding, the postback-log row and, when it owes its commission at once, its ledger
 * entry, the last four only if the conversion was inserted. The unique indexes on (program, goal, order id) and on (click id, goal) make the insert
 * a no-op when either is taken; a no-op is then classified by reading what holds the place. Any
 * storage error leaves nothing behind (the batch rolls back).
 */
export async function writeConversion(
  db: D1Database,
  conversion: Conversion,
  bindCustomer: boolean,
  log: PostbackLogEntry,
  reportValueCap = DEFAULT_VALUE_CAP,
): Promise<Registration> {
  try {
    // The counts go right after the insert: they read its `changes()`.
    const statements = [
      insertConversionStatement(db, conversion),
      conversionRollupStatement(db, conversion, reportValueCap),
    ];
    if (bindCustomer) statements.push(bindCustomerStatement(db, conversion));
    statements.push(insertLogIfConvertedStatement(db, log, conversion.id));
    // Last: it reads the inserted row (none when the insert was a no-op), not `changes()`.
    const entry = registrationEntryStatement(db, conversion);
    if (entry) statements.push(entry);
    const [inserted] = await db.batch(statements);
    if (inserted?.meta.changes === 1)
      return { kind: "registered", conversion: summary(conversion) };
    return classifyTaken(db, conversion);
  } catch (error) {
    logEvent(
      "conversion_write_failed",
      { programId: conversion.programId, reason: reasonOf(error) },
      "error",
    );
    return { kind: "unavailable" };
  }
}

/** What holds the place of a conversion whose insert was a no-op. */
async function classifyTaken(db: D1Database, conversion: Conversion): Promise<Registration> {
  const [byOrder, byClick] = await db.batch([
    selectByOrderStatement(db, conversion.programId, conversion.goal, conversion.orderId),
    selectByClickStatement(db, conversion.clickId, conversion.goal),
  ]);
  const order = firstConversion(byOrder);
  if (order) {
    return sameCredit(order, conversion)
      ? { kind: "duplicate", conversion: summary(order) }
      : { kind: "order_conflict", existing: summary(order) };
  }
  const click = firstConversion(byClick);
  if (click) return { kind: "click_taken", existing: summary(click) };
  // The row that blocked the insert is gone again (erased meanwhile): let the client retry.
  return { kind: "unavailable" };
}

/** After a failed write: whether this very conversion (or an identical one) was stored anyway. */
export async function readBack(db: D1Database, conversion: Conversion): Promise<Registration> {
  try {
    const stored = firstConversion(
      await selectByOrderStatement(
        db,
        conversion.programId,
        conversion.goal,
        conversion.orderId,
      ).all(),
    );
    if (!stored) return { kind: "unavailable" };
    if (stored.id === conversion.id) return { kind: "registered", conversion: summary(stored) };
    return sameCredit(stored, conversion)
      ? { kind: "duplicate", conversion: summary(stored) }
      : { kind: "order_conflict", existing: summary(stored) };
  } catch {
    return { kind: "unavailable" };
  }
}
