import type { Delivery, Endpoint } from "../domain/outbound";
import { reasonOf } from "../platform/log";
import { refusedDestination } from "./endpoint-rules";
import { signedHeaders } from "./signing";

/** An answer slower than this is a failure (and retried). */
export const DELIVERY_TIMEOUT_MS = 10_000;
const RESPONSE_KEPT = 256;

export interface AttemptResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  /** The first 256 characters of the answer's body. */
  response: string | null;
  /** Not sent, because of where it would go: trying again cannot help. */
  refused?: true;
}

/**
 * One attempt: a GET of the filled URL, or a POST of the JSON event with its Standard Webhooks
 * headers. Redirects are not followed (a 3xx is a failure: a redirector must not carry us
 * elsewhere), and only a 2xx answer within 10 s counts as delivered. A URL whose host is not
 * public, or a template whose host a macro fills, is not sent at all.
 */
export async function send(
  endpoint: Endpoint,
  delivery: Delivery,
  secret: string | null,
  now: Date,
  allowInsecure: boolean,
): Promise<AttemptResult> {
  const started = Date.now();
  const headers: Record<string, string> = { "User-Agent": "aecid-edge/1 (+postbacks)" };
  const url = endpoint.method === "GET" ? delivery.request : endpoint.url;
  const refused = refusedDestination(endpoint, url, allowInsecure);
  if (refused) {
    const error = `not sent: ${refused}`;
    return { ok: false, httpStatus: null, error, durationMs: 0, response: null, refused: true };
  }
  let init: RequestInit;
  if (endpoint.method === "GET") {
    init = { method: "GET" };
  } else {
    if (!secret) throw new Error("no signing secret: WEBHOOK_KEY is not set");
    Object.assign(headers, signedHeaders(secret, delivery.id, delivery.request, now), {
      "Content-Type": "application/json",
    });
    init = { method: "POST", body: delivery.request };
  }
  try {
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, RESPONSE_KEPT);
    return {
      ok: response.status >= 200 && response.status < 300,
      httpStatus: response.status,
      error: null,
      durationMs: Date.now() - started,
      response: text,
    };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      httpStatus: null,
      error: timedOut ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : reasonOf(error),
      durationMs: Date.now() - started,
      response: null,
    };
  }
}
