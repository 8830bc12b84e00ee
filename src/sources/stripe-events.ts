import { ID_PATTERN } from "../domain/ids";
import { currencyExponent, formatMinor } from "../domain/money";
import { fromStripeAmount } from "../domain/stripe-amounts";

/**
 * What a Stripe event asks of the tracker, read from its JSON alone (no API call back to Stripe:
 * the event is the snapshot we verified). Only the fields used are read, each checked, since a
 * signed body is still the merchant's data.
 */
export type StripeAction =
  | { kind: "sale"; fields: Record<string, string> }
  | { kind: "ignored"; reason: string }
  | { kind: "refused"; reason: string; detail: string };

/** The events that register a sale of the program's default goal. */
export const STRIPE_SALE_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "payment_intent.succeeded",
] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
/** Stripe sends an expandable field as its ID, or as the object when expanded. */
const idOf = (value: unknown) => text(value) ?? (isObject(value) ? text(value.id) : null);

/** The envelope every Stripe event has; null when the body is not one. */
export function stripeEnvelope(body: unknown) {
  if (!isObject(body) || !isObject(body.data) || !isObject(body.data.object)) return null;
  const id = text(body.id);
  const type = text(body.type);
  if (!id || !type || id.length > 255 || type.length > 255) return null;
  return { id, type, object: body.data.object };
}

/** The first of the places the merchant may have put the click ID that holds one. */
function aecidOf(candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    const value = text(candidate)?.trim();
    if (value && ID_PATTERN.test(value)) return value.toLowerCase();
  }
  return null;
}

/**
 * A sale: `checkout.session.completed` (once paid; an async method's success comes as
 * `…async_payment_succeeded`) or `payment_intent.succeeded`. The order id is the payment
 * intent's ID whenever there is one, so a session and its own payment intent, both sent, are one
 * order (the second a replay), and a refund (which names the payment intent) finds its sale. A
 * subscription's session has none: its own ID is the order's.
 */
export function stripeAction(type: string, object: Json): StripeAction {
  if (!(STRIPE_SALE_EVENTS as readonly string[]).includes(type))
    return { kind: "ignored", reason: "event_type_not_used" };
  const session = type.startsWith("checkout.session.");
  if (session && object.payment_status === "unpaid")
    return { kind: "ignored", reason: "not_paid_yet" };
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const aecid = aecidOf(session ? [object.client_reference_id, metadata.aecid] : [metadata.aecid]);
  if (!aecid)
    return {
      kind: "refused",
      reason: "no_aecid",
      detail: session
        ? "neither client_reference_id nor metadata.aecid holds a click ID"
        : "metadata.aecid holds no click ID",
    };
  const orderId = (session ? idOf(object.payment_intent) : null) ?? text(object.id);
  if (!orderId) return { kind: "refused", reason: "no_order_id", detail: "the object has no id" };
  const amount = session ? object.amount_total : (object.amount_received ?? object.amount);
  const money = fromStripeAmount(amount, object.currency);
  if (!money.ok) return { kind: "refused", reason: "invalid_amount", detail: money.reason };
  const fields: Record<string, string> = {
    id: orderId,
    amount: formatMinor(money.minor, currencyExponent(money.currency)),
    currency: money.currency,
    payment: "online",
    cids: aecid,
  };
  const customer = idOf(object.customer);
  if (customer) fields.customer = customer;
  return { kind: "sale", fields };
}
