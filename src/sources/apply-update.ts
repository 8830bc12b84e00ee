import { eventOf } from "../conversion/announce";
import { type Updated, updateConversion } from "../conversion/update-conversion";
import type { Conversion } from "../domain/conversion";
import type { RequestedUpdate } from "../domain/conversion-update";
import { logEntry } from "../postback/postback-log";
import { firstConversion, selectByOrderStatement } from "../storage/conversions";
import { getProgram } from "../storage/programs";
import {
  type EventTag,
  type SourceAnswer,
  settled,
  tagFields,
  unavailable,
} from "./source-answers";

/** What a platform's refund, dispute or cancellation asks of the sale of its order. */
export interface SourceUpdate {
  kind: "update";
  /** The sale's order id, as the platform's sale event registered it. */
  orderId: string;
  /** What is left of the sale in ISO 4217 minor units (Stripe's cumulative refunds), or null. */
  amountLeft: number | null;
  /**
   * What to take off the amount as it is (Shopify: each refund's body is that refund alone);
   * nothing left refuses the conversion, reason `refunded`.
   */
  amountLess?: number;
  /** The event's currency; null when it names none (a cancellation): the conversion's. */
  currency: string | null;
  refuse: string | null;
}

/**
 * A refund, a dispute or a cancellation applied to the sale of its order (the program's default goal), through
 * the same compare-and-set update as a postback's status (update-conversion.ts): history rows,
 * and the outbound event of the change. Recorded in the history as the postback's source: the
 * platform reports on the advertiser's behalf.
 */
export async function applySourceUpdate(
  env: Env,
  tag: EventTag,
  update: SourceUpdate,
): Promise<SourceAnswer> {
  let current: Conversion | null;
  try {
    current = firstConversion(
      await selectByOrderStatement(env.DB, tag.programId, null, update.orderId).all(),
    );
  } catch {
    return unavailable();
  }
  if (!current)
    return settled(tag, "refused", "no_conversion", {
      message: "No conversion has this order id (an update before its sale is not kept)",
    });
  if (update.currency !== null && current.currency !== update.currency)
    return settled(tag, "refused", "currency_mismatch", {
      message: `The conversion is in ${current.currency}, the event in ${update.currency}`,
    });
  const requested = requestedOf(current, update);
  let updated: Updated | null;
  try {
    const program = await getProgram(env.DB, tag.programId);
    updated = await updateConversion(env.DB, current, requested, program, "postback", tag.now);
  } catch {
    return unavailable();
  }
  if (!updated) return settled(tag, "refused", "no_conversion");
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
function requestedOf(current: Conversion, update: SourceUpdate): RequestedUpdate {
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
