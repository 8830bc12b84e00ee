import { createSHA256HMAC } from "@shopify/shopify-api/runtime";
import { api, call, type Json } from "./helpers";
import { rememberSecret } from "./log-capture";

/**
 * Shopify's own code signs the tests' webhooks (`createSHA256HMAC`, the library's HMAC: Web
 * Crypto, so it runs inside workerd), with the headers Shopify sends. No request reaches Shopify.
 */
export const SHOPIFY_SECRET = "shpss_tests_0123456789abcdefghijklmnop";
rememberSecret(SHOPIFY_SECRET);

export async function createShopifySource(programId: string, extra: Json = {}) {
  const response = await api("POST", `/programs/${programId}/sources`, {
    type: "shopify",
    signing_secret: SHOPIFY_SECRET,
    ...extra,
  });
  if (response.status !== 201) throw new Error(`source: ${JSON.stringify(response.body)}`);
  return response.body as Json & { id: string; url: string };
}

let deliveries = 0;
export const webhookId = () =>
  `b54557e4-bdd9-4b37-8a5f-bf7d70${String(++deliveries).padStart(6, "0")}`;

export const shopifyHmac = (payload: string, secret = SHOPIFY_SECRET) =>
  createSHA256HMAC(secret, payload);

/** The headers of a Shopify webhook delivery. */
export async function shopifyHeaders(
  topic: string,
  payload: string,
  options: { secret?: string; id?: string; hmac?: string | null } = {},
) {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": "aecid-test.myshopify.com",
    "X-Shopify-API-Version": "2025-07",
    "X-Shopify-Webhook-Id": options.id ?? webhookId(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
  };
  const hmac =
    options.hmac === undefined ? await shopifyHmac(payload, options.secret) : options.hmac;
  if (hmac !== null) headers["X-Shopify-Hmac-Sha256"] = hmac;
  return headers;
}

/** Posts a webhook to a source's URL, as Shopify delivers it. */
export async function sendShopify(
  sourceId: string,
  topic: string,
  body: unknown,
  options: { secret?: string; id?: string; hmac?: string | null } = {},
) {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const response = await call(`/sources/${sourceId}`, {
    method: "POST",
    headers: await shopifyHeaders(topic, payload, options),
    body: payload,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
}
