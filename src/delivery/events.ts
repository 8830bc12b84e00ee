import type { Conversion } from "../domain/conversion";
import type { Click } from "../domain/entities";
import { newId } from "../domain/ids";
import type { ConversionEvent, EventType } from "../domain/outbound";
import { logEvent, reasonOf } from "../platform/log";
import { withRetries } from "../platform/timers";

/** The messages of the delivery queue: an event to fan out, or one delivery's next attempt. */
export type DeliveryMessage =
  | { v: 1; kind: "event"; event: ConversionEvent }
  | { v: 1; kind: "attempt"; eventId: string; endpointId: string };

/**
 * A conversion event. A registration's id is derived from the conversion (it happens once); a
 * decision's is new each time (the route only emits it when the status did change).
 */
export function conversionEvent(
  type: EventType,
  conversion: Conversion,
  click?: Click | null,
  at = Date.now(),
): ConversionEvent {
  const id = type === "conversion.registered" ? `${conversion.id}.registered` : newId(at);
  return {
    id,
    type,
    conversionId: conversion.id,
    at,
    conversion,
    ...(click !== undefined ? { click } : {}),
  };
}

/**
 * After the answer, the one thing the request does for outbound deliveries: one message on the
 * delivery queue. If the queue cannot be reached, the event is fanned out here (its deliveries
 * are written, and the hourly sweep queues their attempts); failing that too, it is logged.
 */
export async function enqueueEvent(env: Env, event: ConversionEvent): Promise<void> {
  await enqueueEvents(env, [event]);
}

/** The same for many events (a job's): one `sendBatch` per 100. */
export async function enqueueEvents(env: Env, events: ConversionEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 100) {
    const chunk = events.slice(i, i + 100);
    const messages = chunk.map((event) => ({
      body: { v: 1, kind: "event", event } satisfies DeliveryMessage,
      contentType: "json" as const,
    }));
    try {
      await withRetries(() => env.DELIVERY_QUEUE.sendBatch(messages), {
        attempts: 3,
        baseDelayMs: 50,
      });
    } catch (error) {
      const ids = chunk.map((event) => event.id);
      logEvent("event_enqueue_failed", { events: ids, reason: reasonOf(error) }, "error");
      try {
        // Loaded only here, on this rare path: the fan-out and its signing (standardwebhooks and
        // its SHA-256) would otherwise be evaluated by every isolate before its first postback.
        const { fanOut } = await import("./fan-out");
        await fanOut(env, chunk, { sendNow: false });
      } catch (again) {
        logEvent("event_lost", { events: chunk, reason: reasonOf(again) }, "error");
      }
    }
  }
}
