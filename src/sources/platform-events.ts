import type { Source } from "../domain/sources";
import { actOnShopifyEvent } from "./shopify-dispatch";
import { verifyShopifySignature } from "./shopify-signature";
import type { EventTag, SourceAnswer } from "./source-answers";
import { actOnStripeEvent } from "./stripe-dispatch";
import { stripeEnvelope } from "./stripe-events";
import { verifyStripeSignature } from "./stripe-signature";

/** An event once its platform's signature verified: its ID, its type, and what it carries. */
export interface VerifiedEvent {
  id: string;
  type: string;
  object: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** A header Shopify fills: ASCII, short (an ID or a topic), else treated as missing. */
function shortHeader(headers: Headers, name: string): string | null {
  const value = headers.get(name)?.trim();
  return value && value.length <= 255 ? value : null;
}

/**
 * The platform's signature over the raw body, then its event: `invalid_signature` when the
 * signature fails (nothing of the body is read before), `not_an_event` when the body (or, for
 * Shopify, the `X-Shopify-Webhook-Id` and `X-Shopify-Topic` headers) has no event's shape.
 */
export async function verifiedEvent(
  source: Source,
  request: { body: string; headers: Headers },
  secrets: string[],
  now: number,
): Promise<VerifiedEvent | "invalid_signature" | "not_an_event"> {
  const { body, headers } = request;
  if (source.type === "stripe") {
    const signature = headers.get("Stripe-Signature");
    if (!(await verifyStripeSignature(signature, body, secrets, now))) return "invalid_signature";
    return stripeEnvelope(parsed(body)) ?? "not_an_event";
  }
  const signature = headers.get("X-Shopify-Hmac-Sha256");
  if (!(await verifyShopifySignature(signature, body, secrets))) return "invalid_signature";
  const id = shortHeader(headers, "X-Shopify-Webhook-Id");
  const type = shortHeader(headers, "X-Shopify-Topic");
  const object = parsed(body);
  return id && type && isObject(object) ? { id, type, object } : "not_an_event";
}

/** A verified event not seen before, to its platform's dispatch. */
export function actOnEvent(
  env: Env,
  source: Source,
  base: EventTag,
  object: Json,
): Promise<SourceAnswer> {
  if (source.type === "stripe") return actOnStripeEvent(env, base, object);
  return actOnShopifyEvent(env, base, object, source.amountBasis ?? "subtotal");
}
