import { fromStripeAmount } from "../domain/stripe-amounts";

/**
 * Stripe events that change a sale already registered (SPEC "Conversion sources"): a refund
 * lowers the amount, or refuses the conversion once nothing is left; a dispute refuses it. Read
 * from the event's JSON alone, as sales are (stripe-events.ts).
 */
export type StripeUpdate =
  | {
      kind: "update";
      /** The sale's order id: its payment intent, as stripe-events.ts registers it. */
      orderId: string;
      /** What is left of the sale in ISO 4217 minor units (refunds), or null (disputes). */
      amountLeft: number | null;
      currency: string;
      refuse: "refunded" | "disputed" | null;
    }
  | { kind: "refused"; reason: string; detail: string };

export const STRIPE_UPDATE_EVENTS = ["charge.refunded", "charge.dispute.created"] as const;

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const idOf = (value: unknown) =>
  text(value) ?? (typeof value === "object" && value !== null ? text((value as Json).id) : null);

export function stripeUpdate(type: string, object: Json): StripeUpdate {
  // A charge made without a payment intent (the old Charges API) is its own order.
  const orderId =
    idOf(object.payment_intent) ?? (type === "charge.refunded" ? text(object.id) : null);
  if (!orderId)
    return { kind: "refused", reason: "no_order_id", detail: "the event names no payment intent" };
  if (type === "charge.dispute.created") {
    const money = fromStripeAmount(object.amount, object.currency);
    if (!money.ok) return { kind: "refused", reason: "invalid_amount", detail: money.reason };
    return {
      kind: "update",
      orderId,
      amountLeft: null,
      currency: money.currency,
      refuse: "disputed",
    };
  }
  const charged = object.amount;
  const refunded = object.amount_refunded;
  if (typeof charged !== "number" || typeof refunded !== "number" || refunded > charged)
    return {
      kind: "refused",
      reason: "invalid_amount",
      detail: "amount_refunded is not in amount",
    };
  // `amount_refunded` is the total so far: redelivered or out of order, refunds end the same.
  const left = fromStripeAmount(charged - refunded, object.currency);
  if (!left.ok) return { kind: "refused", reason: "invalid_amount", detail: left.reason };
  const full = object.refunded === true || refunded === charged;
  return {
    kind: "update",
    orderId,
    amountLeft: full ? null : left.minor,
    currency: left.currency,
    refuse: full ? "refunded" : null,
  };
}
