import { eventOf } from "../conversion/announce";
import { type Updated, updateConversion } from "../conversion/update-conversion";
import type { Conversion } from "../domain/conversion";
import type { RequestedUpdate } from "../domain/conversion-update";
import { logEntry } from "../postback/postback-log";
import { firstConversion, selectByOrderStatement } from "../storage/conversions";
import type { OrderUpdate } from "../storage/pending-updates";
import { getProgram } from "../storage/programs";
import { type EventTag, type SourceAnswer, tagFields } from "./source-answers";

/**
 * What a platform's refund, dispute or cancellation asks of the sale of its order: the kept
 * shape (pending-updates.ts: Stripe's running totals, which fold in any order), or, from Shopify,
 * a refund that takes its own amount off the amount as it is (`amountLess`), or a cancellation
 * that names no currency (null: the conversion's).
 */
export interface SourceUpdate extends Omit<OrderUpdate, "currency"> {
  kind: "update";
  currency: string | null;
  /** What to take off the amount as it is; nothing left refuses the conversion, `refunded`. */
  amountLess?: number;
}

export type Applied =
  | { kind: "no_conversion" }
  | { kind: "currency_mismatch"; message: string }
  | { kind: "applied"; updated: Updated };

/**
 * A refund, a dispute or a cancellation applied to the sale of its order (the program's default
 * goal), through the same compare-and-set update as a postback's status (update-conversion.ts):
 * history rows, and the outbound event of the change. Recorded in the history as the postback's
 * source: the platform reports on the advertiser's behalf. Applying it twice changes nothing.
 * Throws when D1 fails.
 */
export async function applyToSale(
  env: Env,
  programId: string,
  update: Omit<SourceUpdate, "kind">,
  now: number,
): Promise<Applied> {
  const current: Conversion | null = firstConversion(
    await selectByOrderStatement(env.DB, programId, null, update.orderId).all(),
  );
  if (!current) return { kind: "no_conversion" };
  if (update.currency !== null && current.currency !== update.currency)
    return {
      kind: "currency_mismatch",
      message: `The conversion is in ${current.currency}, the event in ${update.currency}`,
    };
  const requested = requestedOf(current, update);
  const program = await getProgram(env.DB, programId);
  const updated = await updateConversion(env.DB, current, requested, program, "postback", now);
  return updated ? { kind: "applied", updated } : { kind: "no_conversion" };
}

/** The answer of an update applied to its conversion (`updated`, or `unchanged`). */
export function answerApplied(tag: EventTag, updated: Updated): SourceAnswer {
  const { conversion, changes } = updated;
  const outcome = changes.length ? "updated" : "unchanged";
  const log = logEntry(tag.programId, tag.fields, tag.now, 200, outcome, conversion.id);
  const event = eventOf(updated);
  return {
    status: 200,
    body: {
      status: outcome,
      event_id: tag.eventId,
      conversion_id: conversion.id,
      conversion_status: conversion.status,
      amount: conversion.amount,
      changed: changes.map((c) => c.field),
    },
    error: null,
    log: { ...log, fields: { ...log.fields, ...tagFields(tag) } },
    ...(event ? { event } : {}),
    seen: {
      sourceId: tag.sourceId,
      eventId: tag.eventId,
      type: tag.type,
      outcome,
      conversionId: conversion.id,
      receivedAt: tag.now,
    },
  };
}

/**
 * The update, against the conversion as read: identical Stripe events racing ask the same, so
 * the compare-and-set writes once; a Shopify refund, which subtracts, is claimed first
 * (shopify-dispatch.ts). Two different refunds of one order within the same milliseconds could
 * lose one (docs/sources.md).
 */
function requestedOf(current: Conversion, update: Omit<SourceUpdate, "kind">): RequestedUpdate {
  const refused = (reason: string): RequestedUpdate => ({
    status: "refused",
    amount: null,
    reason,
  });
  if (update.refuse) return refused(update.refuse);
  if (update.amountLess !== undefined) {
    if (update.amountLess === 0) return { status: null, amount: null };
    const left = current.amount - update.amountLess;
    return left <= 0 ? refused("refunded") : { status: null, amount: left };
  }
  return { status: null, amount: Math.min(current.amount, update.amountLeft ?? current.amount) };
}
