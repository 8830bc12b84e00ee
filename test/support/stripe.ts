import Stripe from "stripe";
import { api, call, type Json } from "./helpers";
import { rememberSecret } from "./log-capture";
import { unique } from "./stripe-objects";

export { charge, dispute } from "./stripe-charges";
export { checkoutSession, paymentIntent } from "./stripe-objects";

/**
 * Stripe's own code signs the tests' events (`webhooks.generateTestHeaderStringAsync`: inside
 * workerd the package runs on SubtleCrypto, whose HMAC is asynchronous only), and its types shape
 * the payloads, so a made-up field fails the type check. No request ever reaches Stripe.
 */
export const stripe = new Stripe("sk_test_aecid_edge_tests_only");

export const STRIPE_SECRET = "whsec_tests_0123456789abcdefghijklmnop";
rememberSecret(STRIPE_SECRET);

export async function createStripeSource(programId: string, secret = STRIPE_SECRET) {
  rememberSecret(secret);
  const response = await api("POST", `/programs/${programId}/sources`, {
    type: "stripe",
    signing_secret: secret,
  });
  if (response.status !== 201) throw new Error(`source: ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string; url: string };
}

type EventOf<T extends Stripe.Event["type"]> = Extract<Stripe.Event, { type: T }>;

/** The event envelope Stripe wraps an object in. */
export function stripeEvent<T extends Stripe.Event["type"]>(
  type: T,
  object: EventOf<T>["data"]["object"],
): EventOf<T> {
  return {
    id: unique("evt"),
    object: "event",
    api_version: "2025-11-17.clover",
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as EventOf<T>;
}

/** Posts an event to a source's URL, signed by Stripe's package (or with `header` as given). */
export async function sendStripe(
  sourceId: string,
  event: Stripe.Event | string,
  options: { secret?: string; timestamp?: number; header?: string } = {},
) {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const header =
    options.header ??
    (await stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: options.secret ?? STRIPE_SECRET,
      timestamp: options.timestamp,
    }));
  const response = await call(`/sources/${sourceId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header },
    body: payload,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
}
