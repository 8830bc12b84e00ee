import { type ShopifyMoney, shopifyMoney } from "../domain/shopify-money";
import type { AmountBasis } from "../domain/sources";
import type { SourceUpdate } from "./apply-update";
import { orderIdOf, shopifyId } from "./shopify-orders";

/**
 * Shopify webhooks that change a sale already registered: `refunds/create` lowers its amount by
 * what that refund gave back (each refund's body is that refund alone, not a running total as
 * Stripe's charge is), refusing it once nothing is left; `orders/cancelled` refuses it.
 */
export type ShopifyUpdate = SourceUpdate | { kind: "refused"; reason: string; detail: string };

export const SHOPIFY_UPDATE_TOPICS = ["refunds/create", "orders/cancelled"] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const listOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** `<field>_set.shop_money`: the amount in the shop's currency, the one sales are registered in. */
function shopMoney(object: Json, field: string): ShopifyMoney | null {
  const set = object[`${field}_set`];
  if (!isObject(set) || !isObject(set.shop_money)) return null;
  return shopifyMoney(set.shop_money.amount, set.shop_money.currency_code);
}

/**
 * What one refund gave back, on the source's basis, in minor units of the shop's currency:
 * - `subtotal`: its line items' `subtotal` (after discounts, before tax), less its
 *   `refund_discrepancy` order adjustments (Shopify books an adjustment on the order's side of
 *   the ledger: negative when more went back than the lines, positive when less);
 * - `total`: the lines' subtotal and `total_tax`, less every order adjustment (shipping refunds
 *   are negative adjustments, so they add) with its tax.
 * Never below zero: a refund of shipping alone leaves a subtotal sale as it was.
 */
export function refundedAmount(
  refund: Json,
  basis: AmountBasis,
): { ok: true; minor: number; currency: string | null } | { ok: false; reason: string } {
  const parts: { money: ShopifyMoney | null; sign: 1 | -1 }[] = [];
  for (const line of listOf(refund.refund_line_items)) {
    parts.push({ money: shopMoney(line, "subtotal"), sign: 1 });
    if (basis === "total") parts.push({ money: shopMoney(line, "total_tax"), sign: 1 });
  }
  for (const adjustment of listOf(refund.order_adjustments)) {
    if (basis === "subtotal" && adjustment.kind !== "refund_discrepancy") continue;
    parts.push({ money: shopMoney(adjustment, "amount"), sign: -1 });
    if (basis === "total") parts.push({ money: shopMoney(adjustment, "tax_amount"), sign: -1 });
  }
  let minor = 0;
  let currency: string | null = null;
  for (const { money, sign } of parts) {
    if (!money) return { ok: false, reason: "an amount has no shop_money" };
    if (!money.ok) return money;
    if (currency && money.currency !== currency)
      return { ok: false, reason: "the refund's amounts are in several currencies" };
    currency = money.currency;
    minor += sign * money.minor;
  }
  return { ok: true, minor: Math.max(0, minor), currency };
}

export function shopifyUpdate(topic: string, body: Json, basis: AmountBasis): ShopifyUpdate {
  const orderId = topic === "refunds/create" ? shopifyId(body.order_id) : orderIdOf(body);
  if (!orderId)
    return { kind: "refused", reason: "no_order_id", detail: "the event names no order" };
  if (topic === "orders/cancelled")
    return {
      kind: "update",
      orderId,
      amountLeft: null,
      currency: null,
      refuse: "cancelled",
    };
  const refunded = refundedAmount(body, basis);
  if (!refunded.ok) return { kind: "refused", reason: "invalid_amount", detail: refunded.reason };
  return {
    kind: "update",
    orderId,
    amountLeft: null,
    amountLess: refunded.minor,
    currency: refunded.currency,
    refuse: null,
  };
}
