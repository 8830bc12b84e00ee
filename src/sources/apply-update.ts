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
import type { StripeUpdate } from "./stripe-updates";

/**
 * A refund or a dispute applied to the sale of its order (the program's default goal), through
 * the same compare-and-set update as a postback's status (update-conversion.ts): history rows,
 * and the outbound event of the change. Recorded in the history as the postback's source: the
 * platform reports on the advertiser's behalf.
 */
export async function applyStripeUpdate(
  env: Env,
  tag: EventTag,
  update: Extract<StripeUpdate, { kind: "update" }>,
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
      message: "No conversion has this order id (a refund or dispute before its sale is not kept)",
    });
  if (current.currency !== update.currency)
    return settled(tag, "refused", "currency_mismatch", {
      message: `The conversion is in ${current.currency}, the event in ${update.currency}`,
    });
  const requested: RequestedUpdate = update.refuse
    ? { status: "refused", amount: null, reason: update.refuse }
    : { status: null, amount: Math.min(current.amount, update.amountLeft ?? current.amount) };
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
