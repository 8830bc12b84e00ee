import { Webhook } from "standardwebhooks";
import { config } from "../config";
import { toBase64 } from "../domain/ids";
import type { Endpoint } from "../domain/outbound";
import { hmac } from "../domain/secrets";

/**
 * Webhook signing per Standard Webhooks, with the `standardwebhooks` library itself (it runs in
 * workerd: pure JavaScript HMAC-SHA-256 and base64). The endpoint's secret is never stored: it is
 * HMAC-SHA-256(WEBHOOK_KEY, "endpoint:<id>:<generation>"), shown once as `whsec_<base64>` when the
 * endpoint is created or its secret rotated, and derived again to sign each attempt. Null for a
 * GET endpoint, or with WEBHOOK_KEY unset.
 */
export async function signingSecret(env: Env, endpoint: Endpoint): Promise<string | null> {
  const { webhookKey } = config(env);
  if (endpoint.method !== "POST" || !webhookKey) return null;
  const mac = await hmac(webhookKey, `endpoint:${endpoint.id}:${endpoint.secretGeneration}`);
  return `whsec_${toBase64(mac)}`;
}

/** The three Standard Webhooks headers for one attempt: the same id on every attempt. */
export function signedHeaders(secret: string, webhookId: string, body: string, at: Date) {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
