import { eventOf } from "../conversion/announce";
import type { Updated } from "../conversion/update-conversion";
import { logEvent } from "../platform/log";
import { dueUpdate, keepUpdate, markApplied, type OrderUpdate } from "../storage/pending-updates";
import { answerApplied, applyToSale } from "./apply-update";
import { type EventTag, type SourceAnswer, settled, unavailable } from "./source-answers";

/**
 * A refund or dispute that arrives before its sale (platforms do not promise order, and a sale
 * event may be retried for hours while its refund is delivered at once) is kept, by source and
 * order id, and applied when the source registers the sale. Generic over the platform: the
 * update is an order id, what is left of the amount and a refusal's reason.
 */
export async function keepForSale(
  env: Env,
  tag: EventTag,
  update: OrderUpdate,
): Promise<SourceAnswer> {
  try {
    await keepUpdate(
      env.DB,
      {
        ...update,
        sourceId: tag.sourceId,
        programId: tag.programId,
        sourceType: tag.platform,
        lastEventId: tag.eventId,
        updatedAt: tag.now,
      },
      tag.now,
    );
    // The sale may have committed between our look and the write, and looked for this row
    // before it was there: apply it now (twice is harmless, the update is compare-and-set).
    const updated = await applyDue(env, tag, update.orderId);
    if (updated) return answerApplied(tag, updated);
  } catch {
    return unavailable();
  }
  logEvent("source_update_kept", {
    sourceId: tag.sourceId,
    orderId: update.orderId,
    event: tag.eventId,
  });
  return settled(
    tag,
    "kept",
    "no_conversion_yet",
    { message: "No conversion has this order id yet: applied when its sale arrives" },
    true,
  );
}

/**
 * The order's kept update, applied to its conversion once the sale is registered; null when
 * none is due (or the sale is not there yet). Throws when D1 fails.
 */
export async function applyDue(
  env: Env,
  tag: Pick<EventTag, "sourceId" | "programId" | "now">,
  orderId: string,
): Promise<Updated | null> {
  const due = await dueUpdate(env.DB, tag.sourceId, orderId);
  if (!due) return null;
  const applied = await applyToSale(env, tag.programId, due, tag.now);
  if (applied.kind === "no_conversion") return null;
  const conversionId = applied.kind === "applied" ? applied.updated.conversion.id : "";
  // A currency mismatch will not mend: marked done, logged, not retried.
  await markApplied(env.DB, due, conversionId, tag.now);
  const detail = { sourceId: tag.sourceId, orderId, event: due.lastEventId };
  if (applied.kind !== "applied") {
    logEvent("source_update_not_applied", { ...detail, reason: applied.message }, "error");
    return null;
  }
  logEvent("source_update_applied", { ...detail, conversionId });
  return applied.updated;
}

/**
 * After a source's sale is registered (committed): its kept update, if any, applied, the answer
 * saying so and carrying the change's outbound event after the registration's. If D1 fails here
 * the sale stays registered and the platform's retry (a replay) applies the update.
 */
export async function afterSale(
  env: Env,
  tag: EventTag,
  orderId: string,
  answer: SourceAnswer,
): Promise<SourceAnswer> {
  const body = answer.body;
  // A refusal may name another order's conversion (click_already_converted): not this sale.
  if (answer.status >= 300 || !body || body.status === "refused") return answer;
  if (typeof body.conversion_id !== "string") return answer;
  let updated: Updated | null;
  try {
    updated = await applyDue(env, tag, orderId);
  } catch {
    // Not `seen`: the retry must not be answered as already decided.
    return { ...unavailable(), log: answer.log, ...(answer.event ? { event: answer.event } : {}) };
  }
  if (!updated) return answer;
  const event = eventOf(updated);
  const { conversion } = updated;
  return {
    ...answer,
    body: {
      ...body,
      pending_update: "applied",
      conversion_status: conversion.status,
      amount: conversion.amount,
    },
    ...(event ? { laterEvents: [event] } : {}),
  };
}
