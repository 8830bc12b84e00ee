// Signed Stripe and Shopify webhook deliveries for the conversion sources' bench (POST
// /sources/:id). The payloads are the tests' own builders (test/support/stripe-*.ts,
// test/sources/shopify-fixtures.ts), typed by the platforms' packages; the signatures are made
// here with node:crypto, as the platforms make them, because autocannon builds each request
// synchronously (the tests sign with the packages' asynchronous Web Crypto helpers).
import { createHmac, randomUUID } from "node:crypto";
import {
  orderBody,
  shopifyNumber,
  refundBody as shopifyRefundBody,
} from "../../test/sources/shopify-fixtures.ts";
import { charge } from "../../test/support/stripe-charges.ts";
import { invoice } from "../../test/support/stripe-invoices.ts";
import { checkoutSession, unique } from "../../test/support/stripe-objects.ts";
import { admin, type Fixtures, seed } from "./seed-data.ts";
import type { Served } from "./servers.ts";

export const STRIPE_SECRET = "whsec_bench_0123456789abcdefghijklmnop";
export const SHOPIFY_SECRET = "shpss_bench_0123456789abcdefghijklmnop";

/** A sale (10 %) and a repeatable renewal (5 %), as the renewal tests' program has. */
const GOALS = [
  { name: "sale", commission: { type: "percent", value: 10 } },
  { name: "renewal", commission: { type: "percent", value: 5 }, repeatable: true },
];

export interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface SourceFixtures extends Fixtures {
  stripeSource: string;
  shopifySource: string;
}

/** The bench program with the renewal goal, `storedClicks` fresh clicks, and one source of each. */
export async function seedSources(served: Served, storedClicks: number): Promise<SourceFixtures> {
  const fixtures = await seed(served, storedClicks, { goals: GOALS });
  const source = async (type: string, signing_secret: string) =>
    (
      await admin(served, "POST", `/programs/${fixtures.programId}/sources`, {
        type,
        signing_secret,
      })
    ).id as string;
  return {
    ...fixtures,
    stripeSource: await source("stripe", STRIPE_SECRET),
    shopifySource: await source("shopify", SHOPIFY_SECRET),
  };
}

/** A Stripe event around `object`, signed now (`Stripe-Signature: t=…,v1=…`). */
export function stripeDelivery(source: string, type: string, object: object): Delivery {
  const event = {
    id: unique("evt"),
    object: "event",
    api_version: "2025-11-17.clover",
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  return signedStripe(source, JSON.stringify(event));
}

/** The same payload signed again now: what a Stripe redelivery is. */
export function signedStripe(source: string, body: string): Delivery {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", STRIPE_SECRET).update(`${t}.${body}`).digest("hex");
  return {
    path: `/sources/${source}`,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Stripe-Signature": `t=${t},v1=${v1}`,
    },
    body,
  };
}

/** A Shopify webhook of `topic` (`X-Shopify-Hmac-Sha256`: base64 HMAC of the raw body). */
export function shopifyDelivery(source: string, topic: string, payload: object, id = randomUUID()) {
  const body = JSON.stringify(payload);
  return {
    path: `/sources/${source}`,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": "aecid-bench.myshopify.com",
      "X-Shopify-API-Version": "2025-07",
      "X-Shopify-Webhook-Id": id,
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", SHOPIFY_SECRET).update(body).digest("base64"),
    },
    body,
  } satisfies Delivery;
}

/** A paid Checkout Session on the click `aecid`: binds `customer`, pays through `paymentIntent`. */
export const stripeSale = (
  f: SourceFixtures,
  aecid: string,
  customer: string,
  paymentIntent: string,
) =>
  stripeDelivery(
    f.stripeSource,
    "checkout.session.completed",
    checkoutSession({
      client_reference_id: aecid,
      customer,
      payment_intent: paymentIntent,
      amount_total: 5000,
      mode: "subscription",
    }),
  );

/** A subscription cycle's paid invoice for a customer a sale bound. */
export const stripeRenewal = (f: SourceFixtures, customer: string) =>
  stripeDelivery(f.stripeSource, "invoice.paid", invoice({ customer, amount_paid: 1500 }));

/** A partial refund (20.00 of 50.00) of the sale paid through `paymentIntent`. */
export const stripeRefund = (f: SourceFixtures, paymentIntent: string) =>
  stripeDelivery(
    f.stripeSource,
    "charge.refunded",
    charge({ payment_intent: paymentIntent, amount: 5000, amount_refunded: 2000 }),
  );

/** An event type the source does not use: answered 200, logged, nothing else. */
export const stripeIgnored = (f: SourceFixtures) =>
  stripeDelivery(f.stripeSource, "checkout.session.expired", checkoutSession());

/** A paid order carrying the click in its cart attributes. */
export const shopifyOrder = (f: SourceFixtures, aecid: string, orderId = shopifyNumber()) =>
  shopifyDelivery(
    f.shopifySource,
    "orders/paid",
    orderBody({ id: orderId, note_attributes: [{ name: "aecid", value: aecid }] }),
  );

/** A refund of 20.00 of goods (and 3.80 of their tax) from the order. */
export const shopifyRefund = (f: SourceFixtures, orderId: number) =>
  shopifyDelivery(
    f.shopifySource,
    "refunds/create",
    shopifyRefundBody(orderId, [{ subtotal: "20.00", tax: "3.80" }]),
  );
