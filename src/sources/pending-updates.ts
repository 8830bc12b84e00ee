import { eventOf } from "../conversion/announce";
import type { Updated } from "../conversion/update-conversion";
import { logEvent } from "../platform/log";
import { keepOrderEvent } from "../storage/kept-order-events";
import { keepUpdate } from "../storage/pending-updates";
import { answerApplied, type SourceUpdate } from "./apply-update";
import { appliedParts, applyKept } from "./kept-updates";
import { type EventTag, type SourceAnswer, settled, unavailable } from "./source-answers";

/**
 * A refund, dispute or cancellation that arrives before its sale (platforms do not promise order,
 * and a sale event may be retried for hours while its refund is delivered at once) is kept, by
 * program and order id, and applied when the sale registers (kept-updates.ts). What folds in any
 * order (Stripe's running totals and refusals, in a known currency) folds into one row per source
 * and order (pending_updates); what does not (a Shopify refund subtracts its own amount; a
 * cancellation names no currency) is kept one row per event (kept_order_events), so a redelivery
 * is kept once.
 */
export async function keepForSale(
  env: Env,
  tag: EventTag,
  update: Omit<SourceUpdate, "kind">,
): Promise<SourceAnswer> {
  const { orderId, currency } = update;
  try {
    if (update.amountLess === undefined && currency !== null) {
      const row = { ...update, currency, lastEventId: tag.eventId, updatedAt: tag.now };
      await keepUpdate(env.DB, { ...row, ...owner(tag) }, tag.now);
    } else {
      const row = { ...update, amountLess: update.amountLess ?? null, eventId: tag.eventId };
      await keepOrderEvent(env.DB, { ...row, ...owner(tag) }, tag.now);
    }
    // The sale may have committed between our look and the write, and looked for this row
    // before it was there: apply it now (what is applied is marked, so never twice).
    const updated = await applyKept(env, tag.programId, orderId, tag.now);
    if (updated.length) return answerAll(tag, updated);
  } catch {
    return unavailable();
  }
  logEvent("source_update_kept", { sourceId: tag.sourceId, orderId, event: tag.eventId });
  return settled(
    tag,
    "kept",
    "no_conversion_yet",
    { message: "No conversion has this order id yet: applied when its sale arrives" },
    true,
  );
}

const owner = (tag: EventTag) => ({
  sourceId: tag.sourceId,
  programId: tag.programId,
  sourceType: tag.platform,
});

/** The answer of changes applied (the last one's state), with every change's outbound event. */
function answerAll(tag: EventTag, updated: Updated[]): SourceAnswer {
  const answer = answerApplied(tag, updated[updated.length - 1] as Updated);
  const [event, ...laterEvents] = updated.flatMap((u) => eventOf(u) ?? []);
  const { event: _, ...rest } = answer;
  return { ...rest, ...(event ? { event, laterEvents } : {}) };
}

/**
 * After a source's sale is registered (committed): what was kept for its order, if anything,
 * applied, the answer saying so and carrying the changes' outbound events after the
 * registration's. If D1 fails here the sale stays registered and the platform's retry (a
 * replay) applies the update.
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
  let updated: Updated[];
  try {
    updated = await applyKept(env, tag.programId, orderId, tag.now);
  } catch {
    // Not `seen`: the retry must not be answered as already decided.
    return { ...unavailable(), log: answer.log, ...(answer.event ? { event: answer.event } : {}) };
  }
  const applied = appliedParts(updated);
  if (!applied) return answer;
  return { ...answer, body: { ...body, ...applied.fields }, laterEvents: applied.laterEvents };
}
