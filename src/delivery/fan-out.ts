import { eventBody, macroValues } from "../domain/event-payload";
import { toHex } from "../domain/ids";
import { fillTemplate } from "../domain/macros";
import type { ConversionEvent, Delivery } from "../domain/outbound";
import { getClick } from "../storage/click-reads";
import { insertDeliveryStatement } from "../storage/deliveries";
import { record, tryOnce } from "./attempt";
import { endpointsWanting } from "./endpoint-cache";

/**
 * Each event becomes one delivery per endpoint that wants it: exactly one per (event, endpoint)
 * however often the event comes, since only the fan-out that inserts a delivery's row sends it.
 * Each delivery's request is fixed now (the filled URL, or the JSON event), so every attempt
 * sends the same. A batch of events is written in one transaction, its first attempts made side
 * by side and recorded in another; a failure is queued to be tried again after the schedule's
 * first delay. With `sendNow` false (the queue is down) the deliveries are only written: the
 * hourly sweep sends them. Answers how many deliveries were new.
 */
export async function fanOut(
  env: Env,
  events: ConversionEvent[],
  options = { sendNow: true },
): Promise<number> {
  const now = Date.now();
  const planned = (await Promise.all(events.map((event) => plan(env, event, now)))).flat();
  if (!planned.length) return 0;
  // A database that cannot take them stops the fan-out before anything is sent: the event's
  // message is retried, and no receiver hears of it twice.
  const inserted = await env.DB.batch(
    planned.map(({ delivery }) => insertDeliveryStatement(env.DB, delivery)),
  );
  const fresh = planned.filter((_, i) => (inserted[i]?.results.length ?? 0) > 0);
  if (!options.sendNow || !fresh.length) return fresh.length;
  const settled = await Promise.all(
    fresh.map(({ endpoint, delivery }) => tryOnce(env, endpoint, delivery, now)),
  );
  const recorded = await record(env, [...new Set(fresh.map((p) => p.endpoint))], settled, now);
  await queueAttempts(
    env,
    recorded
      .filter((s) => s.retryIn !== null)
      .map((s) => ({ delivery: s.delivery, delaySeconds: s.retryIn ?? 0 })),
  );
  return fresh.length;
}

/** The deliveries one event makes, with their endpoints. */
async function plan(env: Env, event: ConversionEvent, now: number) {
  const endpoints = await endpointsWanting(env, event);
  if (!endpoints.length) return [];
  const { conversion } = event;
  const click =
    event.click !== undefined
      ? event.click
      : conversion.clickId
        ? await getClick(env, conversion.clickId)
        : null;
  return Promise.all(
    endpoints.map(async (endpoint) => {
      const delivery: Delivery = {
        eventId: event.id,
        endpointId: endpoint.id,
        id: await webhookId(event.id, endpoint.id),
        event: event.type,
        conversionId: conversion.id,
        request:
          endpoint.method === "GET"
            ? fillTemplate(endpoint.url, macroValues(event, conversion, click))
            : eventBody(event, conversion, click),
        state: "pending",
        attempts: 0,
        createdAt: now,
        updatedAt: now,
      };
      return { endpoint, delivery };
    }),
  );
}

/** The same for every attempt and every fan-out of the event: the webhook-id. */
async function webhookId(eventId: string, endpointId: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${eventId}|${endpointId}`),
  );
  return `msg_${toHex(digest).slice(0, 32)}`;
}

/** Queues the next attempt of each delivery (a `sendBatch` takes 100 messages at most). */
export async function queueAttempts(
  env: Env,
  next: { delivery: Delivery; delaySeconds: number }[],
): Promise<void> {
  for (let i = 0; i < next.length; i += 100) {
    await env.DELIVERY_QUEUE.sendBatch(
      next.slice(i, i + 100).map(({ delivery, delaySeconds }) => ({
        body: { v: 1, kind: "attempt", eventId: delivery.eventId, endpointId: delivery.endpointId },
        contentType: "json" as const,
        delaySeconds,
      })),
    );
  }
}
