import type { RestResources } from "@shopify/shopify-api/rest/admin/2025-07";

type Order = InstanceType<RestResources["Order"]>;
type Refund = InstanceType<RestResources["Refund"]>;

/**
 * Webhook bodies as Shopify documents them (the REST Admin API's Order and Refund, which is what
 * `orders/paid`, `orders/cancelled` and `refunds/create` carry), trimmed to a plausible order.
 * Each body `satisfies` the field names of Shopify's own resource classes, so a made-up field
 * fails the type check; the values are the JSON Shopify sends (IDs are numbers there, though
 * the classes type them loosely).
 */
type Fields<T> = Partial<Record<KnownKeys<T>, unknown>>;
/** The classes' declared fields, without the `[key: string]: any` their base class adds. */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

let next = 5_600_000_000_000;
export const shopifyNumber = () => ++next;

const money = (amount: string, currency = "EUR") => ({
  shop_money: { amount, currency_code: currency },
  presentment_money: { amount, currency_code: currency },
});

export function orderBody(overrides: Fields<Order> = {}) {
  const id = (overrides.id as number | undefined) ?? shopifyNumber();
  const order = {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id % 10_000}`,
    email: "buyer@example.com",
    created_at: "2026-12-07T02:00:00+01:00",
    processed_at: "2026-12-07T02:00:00+01:00",
    financial_status: "paid",
    currency: "EUR",
    presentment_currency: "EUR",
    // 60.00 of goods, 10.00 off: 50.00 subtotal; 9.50 tax and 5.00 shipping on top.
    total_line_items_price: "60.00",
    total_discounts: "10.00",
    subtotal_price: "50.00",
    subtotal_price_set: money("50.00"),
    current_subtotal_price: "50.00",
    current_subtotal_price_set: money("50.00"),
    total_tax: "9.50",
    total_price: "64.50",
    total_price_set: money("64.50"),
    current_total_price: "64.50",
    current_total_price_set: money("64.50"),
    taxes_included: false,
    discount_codes: [],
    note_attributes: [],
    landing_site: "/products/blue-mug?utm_source=aff",
    referring_site: "https://partner.example/review",
    customer: { id: shopifyNumber(), email: "buyer@example.com", currency: "EUR" },
    line_items: [
      {
        id: shopifyNumber(),
        title: "Blue mug",
        quantity: 2,
        price: "30.00",
        total_discount: "10.00",
      },
    ],
    shipping_lines: [{ id: shopifyNumber(), title: "Standard", price: "5.00" }],
  } satisfies Fields<Order> & { admin_graphql_api_id: string };
  return { ...order, ...overrides } as typeof order;
}

/** One refund of `order`: its lines' subtotals (after discounts, before tax), and adjustments. */
export function refundBody(
  orderId: number,
  lines: { subtotal: string; tax?: string }[],
  adjustments: { amount: string; tax?: string; kind: string }[] = [],
  overrides: Fields<Refund> = {},
) {
  const id = shopifyNumber();
  const refund = {
    id,
    order_id: orderId,
    created_at: "2026-12-08T10:00:00+01:00",
    processed_at: "2026-12-08T10:00:00+01:00",
    note: "Returned",
    restock: true,
    user_id: null,
    refund_line_items: lines.map((line) => ({
      id: shopifyNumber(),
      line_item_id: shopifyNumber(),
      quantity: 1,
      restock_type: "return",
      subtotal: Number(line.subtotal),
      subtotal_set: money(line.subtotal),
      total_tax: Number(line.tax ?? "0.00"),
      total_tax_set: money(line.tax ?? "0.00"),
    })),
    order_adjustments: adjustments.map((adjustment) => ({
      id: shopifyNumber(),
      order_id: orderId,
      refund_id: id,
      amount: adjustment.amount,
      amount_set: money(adjustment.amount),
      tax_amount: adjustment.tax ?? "0.00",
      tax_amount_set: money(adjustment.tax ?? "0.00"),
      kind: adjustment.kind,
      reason: adjustment.kind === "shipping_refund" ? "Shipping refund" : "Refund discrepancy",
    })),
    transactions: [],
    duties: [],
  } satisfies Fields<Refund>;
  return { ...refund, ...overrides } as typeof refund;
}
