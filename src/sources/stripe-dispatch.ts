import { parsePostback } from "../domain/postback-fields";
import { ApiError } from "../errors";
import type { PostbackAnswer } from "../postback/answers";
import { readPostbackContext } from "../postback/postback-context";
import { admitPostback } from "../postback/postback-limiter";
import { logEntry } from "../postback/postback-log";
import { registerInput } from "../postback/register-input";
import { afterSale } from "./pending-updates";
import { registerRenewal } from "./register-renewal";
import {
  type EventTag,
  fromPostbackAnswer,
  noSuchSource,
  type SourceAnswer,
  settled,
  tagFields,
  unavailable,
} from "./source-answers";
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

/** A sale event's fields, judged and registered exactly as a postback carrying them. */
async function registerSale(env: Env, tag: EventTag): Promise<SourceAnswer> {
  const { programId, fields, now } = tag;
  const parsed = parsePostback(fields);
  if (!parsed.ok) {
    const reasons = Object.entries(parsed.fields).map(([name, why]) => `${name} ${why}`);
    return settled(tag, "refused", "invalid_request", { message: reasons.join("; ") });
  }
  let context: Awaited<ReturnType<typeof readPostbackContext>>;
  try {
    context = await readPostbackContext(env, programId, parsed.input, now);
  } catch {
    return unavailable();
  }
  const { program } = context;
  if (!program) return noSuchSource();
  const reject = (error: ApiError): PostbackAnswer => ({
    ok: false,
    error,
    log: logEntry(program.id, fields, now, error.status, error.code),
  });
  const admission = await admitPostback(env, program.id, "postbacks", program.postbacksPerMinute);
  if (admission !== true) {
    const headers = { "Retry-After": String(admission.retryAfterSeconds) };
    return fromPostbackAnswer(tag, reject(new ApiError("rate_limited", { headers })));
  }
  const answer = await registerInput(env, program, context, parsed.input, fields, now, reject, {
    bindAnyCustomer: true,
    logFields: tagFields(tag),
  });
  // Committed: an update that came first (a refund, a dispute) is applied now.
  return afterSale(env, tag, fields.id ?? "", fromPostbackAnswer(tag, answer));
}
