import { eventOf } from "../conversion/announce";
import { type Updated, updateConversion } from "../conversion/update-conversion";
import type { Conversion } from "../domain/conversion";
import type { RequestedUpdate } from "../domain/conversion-update";
import { logEntry } from "../postback/postback-log";
import { firstConversion, selectByOrderStatement } from "../storage/conversions";
import type { OrderUpdate } from "../storage/pending-updates";
import { getProgram } from "../storage/programs";
import { type EventTag, type SourceAnswer, tagFields } from "./source-answers";

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
  update: OrderUpdate,
  now: number,
): Promise<Applied> {
  const current: Conversion | null = firstConversion(
    await selectByOrderStatement(env.DB, programId, null, update.orderId).all(),
  );
  if (!current) return { kind: "no_conversion" };
  if (current.currency !== update.currency)
    return {
      kind: "currency_mismatch",
      message: `The conversion is in ${current.currency}, the event in ${update.currency}`,
    };
  const requested: RequestedUpdate = update.refuse
    ? { status: "refused", amount: null, reason: update.refuse }
    : { status: null, amount: Math.min(current.amount, update.amountLeft ?? current.amount) };
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
