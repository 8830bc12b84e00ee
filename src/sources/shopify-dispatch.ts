import type { AmountBasis } from "../domain/sources";
import { logEvent, reasonOf } from "../platform/log";
import { claimEvent, releaseClaim } from "../storage/source-events";
import type { SourceUpdate } from "./apply-update";
import { registerSale } from "./register-sale";
import { shopifySale } from "./shopify-orders";
import { SHOPIFY_UPDATE_TOPICS, shopifyUpdate } from "./shopify-updates";
import { type EventTag, type SourceAnswer, settled, unavailable } from "./source-answers";
import { applyUpdateEvent } from "./update-event";

/** The topic that registers a sale: paid, not merely placed (`orders/create` may never be). */
export const SHOPIFY_SALE_TOPIC = "orders/paid";

/**
 * A verified Shopify webhook not seen before, to what its topic asks: a sale, a refund or a
 * cancellation (updates), or nothing (`ignored`, so Shopify does not retry it). Each path ends
 * in the postback's own code, as Stripe's do.
 */
export async function actOnShopifyEvent(
  env: Env,
  base: EventTag,
  body: Record<string, unknown>,
  basis: AmountBasis,
): Promise<SourceAnswer> {
  if ((SHOPIFY_UPDATE_TOPICS as readonly string[]).includes(base.type)) {
    const update = shopifyUpdate(base.type, body, basis);
    if (update.kind === "refused")
      return settled(base, "refused", update.reason, { message: update.detail });
    const tag = { ...base, fields: { id: update.orderId } };
    return update.amountLess === undefined
      ? applyUpdateEvent(env, tag, update)
      : applyOnce(env, tag, update);
  }
  if (base.type !== SHOPIFY_SALE_TOPIC)
    return settled(base, "ignored", "event_type_not_used", {}, false);
  const sale = shopifySale(body, basis);
  if (sale.kind === "refused")
    return settled(base, "refused", sale.reason, { message: sale.detail });
  return registerSale(env, { ...base, fields: sale.fields });
}

/**
 * A refund subtracts from the amount as it is, so, unlike Stripe's running totals, applying it
 * twice is wrong: identical deliveries racing past the seen check would each subtract. The event
 * is claimed in `source_events` first; a delivery finding it claimed is a duplicate. A failure
 * that Shopify will retry gives the claim back.
 */
async function applyOnce(env: Env, tag: EventTag, update: SourceUpdate): Promise<SourceAnswer> {
  const claim = { sourceId: tag.sourceId, eventId: tag.eventId, type: tag.type };
  try {
    if (!(await claimEvent(env.DB, claim, tag.now)))
      return settled(tag, "duplicate", "already_seen", {}, false);
  } catch {
    return unavailable();
  }
  const answer = await applyUpdateEvent(env, tag, update);
  if (!answer.seen) {
    await releaseClaim(env.DB, tag.sourceId, tag.eventId).catch((error: unknown) =>
      // The claim dies on its own (CLAIM_TTL_MS): the retry only waits that long.
      logEvent("source_claim_release_failed", { reason: reasonOf(error) }, "error"),
    );
  }
  return answer;
}
