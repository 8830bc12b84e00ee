import { currencyExponent, formatMinor } from "../domain/money";
import { fromStripeAmount } from "../domain/stripe-amounts";

/**
 * `invoice.paid` for a subscription's later cycle: a renewal of the program's repeatable goal,
 * credited through the Stripe customer's binding (the sale bound it), so no `aecid` is needed.
 * The first invoice (`subscription_create`) is the Checkout sale itself: not a renewal.
 */
export type StripeRenewal =
  | { kind: "renewal"; fields: Record<string, string>; customer: string }
  | { kind: "ignored"; reason: string }
  | { kind: "refused"; reason: string; detail: string };

export const STRIPE_RENEWAL_EVENT = "invoice.paid";

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const idOf = (value: unknown) =>
  text(value) ?? (typeof value === "object" && value !== null ? text((value as Json).id) : null);

export function stripeRenewal(object: Json): StripeRenewal {
  if (object.billing_reason !== "subscription_cycle")
    return { kind: "ignored", reason: "not_a_renewal" };
  const customer = idOf(object.customer);
  if (!customer)
    return { kind: "refused", reason: "unknown_customer", detail: "the invoice has no customer" };
  const id = text(object.id);
  if (!id) return { kind: "refused", reason: "no_order_id", detail: "the invoice has no id" };
  const money = fromStripeAmount(object.amount_paid, object.currency);
  if (!money.ok) return { kind: "refused", reason: "invalid_amount", detail: money.reason };
  const fields = {
    id,
    amount: formatMinor(money.minor, currencyExponent(money.currency)),
    currency: money.currency,
    payment: "online",
    customer,
  };
  return { kind: "renewal", fields, customer };
}
