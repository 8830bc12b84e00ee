import { type Conversion, type ConversionSummary, sameCredit, summary } from "../domain/conversion";
import {
  bindCustomerStatement,
  firstConversion,
  insertConversionStatement,
  selectByClickStatement,
  selectByOrderStatement,
} from "../storage/conversions";
import { insertLogIfConvertedStatement, type PostbackLogEntry } from "../storage/postback-log";

/** What registering a conversion came to. */
export type Registration =
  | { kind: "registered"; conversion: ConversionSummary }
  | { kind: "duplicate"; conversion: ConversionSummary }
  | { kind: "order_conflict"; existing: ConversionSummary }
  | { kind: "click_taken"; existing: ConversionSummary }
  | { kind: "unavailable" };

/**
 * One D1 transaction (a batch): the conversion, the revenue-share binding and the postback-log row,
 * the last two only if the conversion was inserted. The unique indexes on (program, order id) and
 * on click id make the insert a no-op when either is taken; a no-op is then classified by reading
 * what holds the place. Any storage error leaves nothing behind (the batch rolls back).
 */
export async function registerInD1(
  db: D1Database,
  conversion: Conversion,
  bindCustomer: boolean,
  log: PostbackLogEntry,
): Promise<Registration> {
  try {
    const statements = [insertConversionStatement(db, conversion)];
    if (bindCustomer) statements.push(bindCustomerStatement(db, conversion));
    statements.push(insertLogIfConvertedStatement(db, log, conversion.id));
    const [inserted] = await db.batch(statements);
    if (inserted?.meta.changes === 1)
      return { kind: "registered", conversion: summary(conversion) };

    const [byOrder, byClick] = await db.batch([
      selectByOrderStatement(db, conversion.programId, conversion.orderId),
      selectByClickStatement(db, conversion.clickId),
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
  } catch (error) {
    console.error(
      JSON.stringify({
        event: "conversion_write_failed",
        programId: conversion.programId,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
    return { kind: "unavailable" };
  }
}
