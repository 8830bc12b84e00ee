import { type Applied, answerApplied, applyToSale, type SourceUpdate } from "./apply-update";
import { keepForSale } from "./pending-updates";
import { type EventTag, type SourceAnswer, settled, unavailable } from "./source-answers";

/**
 * An update event, to its answer: applied to its sale, or, the sale not registered yet, kept
 * until it is (pending-updates.ts): `200 kept`. Only what folds in any order is kept (a running
 * total, a refusal, in a known currency); a Shopify refund, which subtracts its own amount, or a
 * cancellation naming no currency, before its sale is answered `refused no_conversion` and
 * logged (docs/sources.md).
 */
export async function applyUpdateEvent(
  env: Env,
  tag: EventTag,
  update: SourceUpdate,
): Promise<SourceAnswer> {
  let applied: Applied;
  try {
    applied = await applyToSale(env, tag.programId, update, tag.now);
  } catch {
    return unavailable();
  }
  if (applied.kind === "no_conversion") {
    const { currency } = update;
    if (update.amountLess === undefined && currency !== null)
      return keepForSale(env, tag, { ...update, currency });
    return settled(tag, "refused", "no_conversion", {
      message: "No conversion has this order id (this update, before its sale, is not kept)",
    });
  }
  if (applied.kind === "currency_mismatch")
    return settled(tag, "refused", "currency_mismatch", { message: applied.message });
  return answerApplied(tag, applied.updated);
}
