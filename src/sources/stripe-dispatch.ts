import { registerRenewal } from "./register-renewal";
import { registerSale } from "./register-sale";
import { type EventTag, type SourceAnswer, settled } from "./source-answers";
import { stripeAction } from "./stripe-events";
import { STRIPE_RENEWAL_EVENT, stripeRenewal } from "./stripe-renewal";
import { STRIPE_UPDATE_EVENTS, stripeUpdate } from "./stripe-updates";
import { applyUpdateEvent } from "./update-event";

/**
 * A verified Stripe event not seen before, to what it asks: a refund or dispute (an update), a
 * renewal, a sale, or nothing (`ignored`). Each path ends in the postback's own code.
 */
export async function actOnStripeEvent(
  env: Env,
  base: EventTag,
  object: Record<string, unknown>,
): Promise<SourceAnswer> {
  if ((STRIPE_UPDATE_EVENTS as readonly string[]).includes(base.type)) {
    const update = stripeUpdate(base.type, object);
    if (update.kind === "refused")
      return settled(base, "refused", update.reason, { message: update.detail });
    return applyUpdateEvent(env, { ...base, fields: { id: update.orderId } }, update);
  }
  if (base.type === STRIPE_RENEWAL_EVENT) {
    const renewal = stripeRenewal(object);
    if (renewal.kind === "ignored") return settled(base, "ignored", renewal.reason, {}, false);
    if (renewal.kind === "refused")
      return settled(base, "refused", renewal.reason, { message: renewal.detail });
    return registerRenewal(env, { ...base, fields: renewal.fields });
  }
  const action = stripeAction(base.type, object);
  if (action.kind === "ignored") return settled(base, "ignored", action.reason, {}, false);
  if (action.kind === "refused")
    return settled(base, "refused", action.reason, { message: action.detail });
  return registerSale(env, { ...base, fields: action.fields });
}
