import { config } from "../config";
import { deliveryRetryDelaySeconds } from "../domain/backoff";
import { newLogId } from "../domain/ids";
import { type Delivery, type Endpoint, FAILED_STREAK_LIMIT } from "../domain/outbound";
import { logEvent } from "../platform/log";
import { cancelPending, getDelivery } from "../storage/deliveries";
import { recordAttemptStatements } from "../storage/delivery-attempts";
import { getEndpoint, recordDeliveryEnd } from "../storage/endpoints";
import { forgetEndpoints } from "./endpoint-cache";
import { type AttemptResult, send } from "./send";
import { signingSecret } from "./signing";

/** What an attempt came to: the delivery as it now is, and when to try again (null: over). */
export interface Settled {
  delivery: Delivery;
  /** The delivery's attempts when it was read: its state is written only if they still are. */
  readAttempts: number;
  result: AttemptResult;
  retryIn: number | null;
}

/**
 * One attempt, not yet recorded: a success ends the delivery; a failure (network error, 10 s
 * timeout, non-2xx) is tried again after the next delay of the schedule, and past the last one
 * the delivery has failed. One refused for where it would go has failed at once.
 */
export async function tryOnce(env: Env, endpoint: Endpoint, delivery: Delivery, now: number) {
  const secret = await signingSecret(env, endpoint);
  const insecure = config(env).outboundAllowInsecure;
  const result = await send(endpoint, delivery, secret, new Date(now), insecure);
  const attempts = delivery.attempts + 1;
  const retryIn = result.ok || result.refused ? null : deliveryRetryDelaySeconds(attempts);
  const state = result.ok ? "delivered" : retryIn === null ? "failed" : "pending";
  const next: Delivery = { ...delivery, state, attempts, updatedAt: now };
  return { delivery: next, readAttempts: delivery.attempts, result, retryIn } as Settled;
}

const outcomeOf = (d: Delivery) =>
  (d.state === "pending" ? "retrying" : d.state) as "delivered" | "retrying" | "failed";

/**
 * The attempts' log rows and deliveries' states, in one transaction, then what they end. Answers
 * the attempts as recorded: one that came back late (its delivery cancelled, delivered or tried
 * by a twin meanwhile) changed nothing and is over (`retryIn` null), its streak untouched.
 */
export async function record(
  env: Env,
  endpoints: Endpoint[],
  settled: Settled[],
  now: number,
): Promise<Settled[]> {
  const db = env.DB;
  const results = await db.batch(
    settled.flatMap(({ delivery, readAttempts, result }) =>
      recordAttemptStatements(
        db,
        attemptRow(delivery, result, now, outcomeOf(delivery)),
        readAttempts,
        delivery,
        result.ok ? "delivered" : "failed",
      ),
    ),
  );
  const written = settled.filter((_, i) => (results[2 * i + 1]?.results.length ?? 0) > 0);
  await endDeliveries(env, endpoints, written, now);
  return settled.map((s) => (written.includes(s) ? s : { ...s, retryIn: null }));
}

/** A delivery that ended resets or lengthens its endpoint's streak; the 20th failure disables it. */
async function endDeliveries(env: Env, endpoints: Endpoint[], settled: Settled[], now: number) {
  const db = env.DB;
  for (const { delivery, result } of settled) {
    const endpoint = endpoints.find((e) => e.id === delivery.endpointId);
    if (!endpoint || delivery.state === "pending") continue;
    if (result.ok && endpoint.failedStreak === 0) continue;
    const what = result.httpStatus === null ? result.error : `HTTP ${result.httpStatus}`;
    const reason = `disabled after ${FAILED_STREAK_LIMIT} failed deliveries in a row; the last: ${what}`;
    if (await recordDeliveryEnd(db, endpoint.id, result.ok, FAILED_STREAK_LIMIT, reason, now)) {
      logEvent("endpoint_disabled", { endpointId: endpoint.id, reason }, "error");
      await cancelPending(db, endpoint.id, now);
      forgetEndpoints();
    }
  }
}

/**
 * A retry: one attempt of one delivery, read afresh (it may be over, or its endpoint disabled or
 * deleted meanwhile), logged whatever comes of it. An endpoint whose last 20 deliveries failed is
 * disabled, with the reason, and what it still had pending is cancelled. Answers when to try
 * again, in seconds, or null when the delivery is over.
 */
export async function attemptDelivery(
  env: Env,
  eventId: string,
  endpointId: string,
  now = Date.now(),
): Promise<number | null> {
  const [delivery, endpoint] = await Promise.all([
    getDelivery(env.DB, eventId, endpointId),
    getEndpoint(env.DB, endpointId),
  ]);
  if (delivery?.state !== "pending") return null;
  if (!endpoint?.enabled) {
    const over = { ...delivery, state: "cancelled" as const, updatedAt: now };
    const row = attemptRow(delivery, cancelled, now, "failed");
    await env.DB.batch(recordAttemptStatements(env.DB, row, delivery.attempts, over, "failed"));
    return null;
  }
  const settled = await tryOnce(env, endpoint, delivery, now);
  const [recorded] = await record(env, [endpoint], [settled], now);
  return recorded?.retryIn ?? null;
}

const cancelled: AttemptResult = {
  ok: false,
  httpStatus: null,
  error: "not sent: the endpoint is disabled or deleted",
  durationMs: 0,
  response: null,
};

export function attemptRow(
  delivery: Pick<Delivery, "endpointId" | "id" | "event" | "conversionId" | "attempts">,
  result: AttemptResult,
  now: number,
  outcome: "delivered" | "retrying" | "failed" | "test",
) {
  return {
    endpointId: delivery.endpointId,
    id: newLogId(now),
    deliveryId: delivery.id,
    event: delivery.event,
    conversionId: delivery.conversionId,
    attempt: delivery.attempts,
    attemptedAt: now,
    httpStatus: result.httpStatus,
    error: result.error,
    durationMs: result.durationMs,
    response: result.response,
    outcome,
  };
}
