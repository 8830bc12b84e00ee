import { ID_PATTERN } from "../domain/ids";
import { MAX_VOUCHER_LENGTH, MAX_VOUCHERS } from "../domain/postback-fields";
import { asPostbackAmount, shopifyMoney } from "../domain/shopify-money";
import type { AmountBasis } from "../domain/sources";

/**
 * What a Shopify order webhook asks, read from its JSON alone (the body Shopify signed; no call
 * back to the Admin API). Shopify's order body: `id` (a number), `currency` (the shop's),
 * `current_subtotal_price` / `subtotal_price` and `current_total_price` / `total_price` (decimal
 * strings in the shop's currency), `note_attributes` ([{name, value}]), `landing_site` (the path
 * and query of the visit's first page), `discount_codes` ([{code, …}]) and `customer` ({id, …}).
 */
export type ShopifySale =
  | { kind: "sale"; fields: Record<string, string> }
  | { kind: "refused"; reason: string; detail: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** Shopify's IDs are JSON numbers (below 2^53, so exact) or, in newer bodies, strings. */
export function shopifyId(value: unknown): string | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  return text(value);
}

/**
 * An order's ID: its GraphQL ID's digits when it has one (a string, so exact whatever its size),
 * else `id`. Refunds name their order by `order_id`, a number: the same digits below 2^53.
 */
export function orderIdOf(order: Json): string | null {
  const gid = text(order.admin_graphql_api_id);
  const digits = gid ? /^gid:\/\/shopify\/Order\/(\d{1,20})$/.exec(gid)?.[1] : undefined;
  return digits ?? shopifyId(order.id);
}

/** The click ID in a landing page's query (`/products/x?aecid=…`), or null. */
export function aecidOfLandingSite(landingSite: unknown): string | null {
  const site = text(landingSite);
  if (!site || site.length > 8192) return null;
  let url: URL;
  try {
    // A path as Shopify keeps it, or a whole URL: either reads against a placeholder origin.
    url = new URL(site, "https://shop.invalid/");
  } catch {
    return null;
  }
  const aecid = url.searchParams.get("aecid")?.trim();
  return aecid && ID_PATTERN.test(aecid) ? aecid.toLowerCase() : null;
}

/** The click ID the theme snippet put in the cart's attributes (`note_attributes`), or null. */
export function aecidOfNoteAttributes(attributes: unknown): string | null {
  if (!Array.isArray(attributes)) return null;
  for (const attribute of attributes) {
    if (!isObject(attribute) || attribute.name !== "aecid") continue;
    const value = text(attribute.value)?.trim();
    if (value && ID_PATTERN.test(value)) return value.toLowerCase();
  }
  return null;
}

/** The order's worth on the source's basis, in the shop's currency (docs/sources.md says why). */
export function orderAmount(order: Json, basis: AmountBasis) {
  const amount =
    basis === "total"
      ? (order.current_total_price ?? order.total_price)
      : (order.current_subtotal_price ?? order.subtotal_price);
  return shopifyMoney(amount, order.currency);
}

/** `orders/paid`: a sale of the program's default goal, as the postback's fields. */
export function shopifySale(order: Json, basis: AmountBasis): ShopifySale {
  const orderId = orderIdOf(order);
  if (!orderId) return { kind: "refused", reason: "no_order_id", detail: "the order has no id" };
  const aecid =
    aecidOfNoteAttributes(order.note_attributes) ?? aecidOfLandingSite(order.landing_site);
  const vouchers = Array.isArray(order.discount_codes)
    ? order.discount_codes
        .map((discount) => (isObject(discount) ? text(discount.code)?.trim() : null))
        // A code the postback's rules would refuse is left out rather than refuse the sale.
        .filter((code): code is string =>
          Boolean(code && !code.includes(";") && code.length <= MAX_VOUCHER_LENGTH),
        )
        .slice(0, MAX_VOUCHERS)
    : [];
  if (!aecid && vouchers.length === 0)
    return {
      kind: "refused",
      reason: "no_aecid",
      detail: "neither note_attributes, landing_site nor a discount code names the partner",
    };
  const money = orderAmount(order, basis);
  if (!money.ok) return { kind: "refused", reason: "invalid_amount", detail: money.reason };
  if (money.minor < 0)
    return { kind: "refused", reason: "invalid_amount", detail: "the amount is negative" };
  const fields: Record<string, string> = {
    id: orderId,
    amount: asPostbackAmount(money),
    currency: money.currency,
    payment: "online",
  };
  if (aecid) fields.cids = aecid;
  if (vouchers.length) fields.voucher = [...new Set(vouchers)].join(";");
  const customer = isObject(order.customer) ? shopifyId(order.customer.id) : null;
  if (customer) fields.customer = customer;
  return { kind: "sale", fields };
}
