/**
 * Outbound postbacks and webhooks: endpoints subscribe to conversion events (and `payout.paid`,
 * a partner's share of a paid payout: src/payouts/paid-event.ts); each (event, endpoint) is one
 * delivery, attempted until it succeeds or its retries run out.
 */
import type { Conversion } from "./conversion";
import type { Click } from "./entities";

export const EVENT_TYPES = [
  "conversion.registered",
  "conversion.approved",
  "conversion.refused",
  "conversion.updated",
  "payout.paid",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface Endpoint {
  id: string;
  url: string;
  method: "GET" | "POST";
  events: EventType[];
  partnerId: string | null;
  programId: string | null;
  enabled: boolean;
  disabledReason: string | null;
  /** Which signing secret is current (rotation increments it); the secret itself is derived. */
  secretGeneration: number;
  /** Deliveries in a row that ended failed; 20 disable the endpoint. */
  failedStreak: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * Something that happened to a conversion, which endpoints may want to hear of, with the
 * conversion as it was then (a registration is told as registered, even if approved since).
 */
export interface ConversionEvent {
  id: string;
  type: EventType;
  conversionId: string;
  at: number;
  conversion: Conversion;
  /** The conversion's click when the emitter had it at hand (else it is read when fanned out). */
  click?: Click | null;
}

export type DeliveryState = "pending" | "delivered" | "failed" | "cancelled";

export interface Delivery {
  eventId: string;
  endpointId: string;
  /** The webhook-id: the same on every attempt. */
  id: string;
  event: EventType;
  conversionId: string | null;
  /** GET: the filled URL; POST: the JSON body. */
  request: string;
  state: DeliveryState;
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

export interface DeliveryAttempt {
  endpointId: string;
  id: string;
  deliveryId: string;
  event: string;
  conversionId: string | null;
  attempt: number;
  attemptedAt: number;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  response: string | null;
  outcome: "delivered" | "retrying" | "failed" | "test";
}

/** After this many deliveries in a row end failed, the endpoint is disabled. */
export const FAILED_STREAK_LIMIT = 20;

/** Whether the endpoint subscribes to this event of this conversion. */
export function endpointWants(
  endpoint: Endpoint,
  type: EventType,
  conversion: { programId: string; partnerId: string },
): boolean {
  return (
    endpoint.enabled &&
    endpoint.events.includes(type) &&
    (endpoint.partnerId === null || endpoint.partnerId === conversion.partnerId) &&
    (endpoint.programId === null || endpoint.programId === conversion.programId)
  );
}
