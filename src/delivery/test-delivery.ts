import { config } from "../config";
import type { Conversion } from "../domain/conversion";
import { eventBody, macroValues } from "../domain/event-payload";
import { newId } from "../domain/ids";
import { fillTemplate } from "../domain/macros";
import type { Endpoint } from "../domain/outbound";
import { recordTestAttempt } from "../storage/delivery-attempts";
import { attemptRow } from "./attempt";
import { type AttemptResult, send } from "./send";
import { signingSecret } from "./signing";

/**
 * "Send test": a made-up `conversion.registered` event (order id `test`, 12.34 EUR), sent to the
 * endpoint now, signed like any other, logged as a `test` attempt. Nothing real is created.
 */
export async function sendTest(env: Env, endpoint: Endpoint): Promise<AttemptResult> {
  const now = Date.now();
  const conversion: Conversion = {
    id: newId(now),
    programId: endpoint.programId ?? newId(now),
    goal: "sale",
    repeatable: false,
    orderId: "test",
    clickId: newId(now),
    linkId: null,
    partnerId: endpoint.partnerId ?? newId(now),
    attribution: "click",
    amount: 1234,
    currency: "EUR",
    commission: 123,
    commissionCurrency: "EUR",
    status: "pending",
    initialStatus: "pending",
    refuseReason: null,
    payment: null,
    customer: null,
    cv: null,
    vouchers: [],
    createdAt: now,
    updatedAt: now,
  };
  const event = {
    id: `test_${newId(now)}`,
    type: "conversion.registered" as const,
    conversionId: conversion.id,
    at: now,
    conversion,
  };
  const delivery = {
    eventId: event.id,
    endpointId: endpoint.id,
    id: `msg_${newId(now)}`,
    event: event.type,
    conversionId: null,
    request:
      endpoint.method === "GET"
        ? fillTemplate(endpoint.url, macroValues(event, conversion, null))
        : eventBody(event, conversion, null),
    state: "pending" as const,
    attempts: 1,
    createdAt: now,
    updatedAt: now,
  };
  const secret = await signingSecret(env, endpoint);
  const insecure = config(env).outboundAllowInsecure;
  const result = await send(endpoint, delivery, secret, new Date(now), insecure);
  await recordTestAttempt(env.DB, attemptRow(delivery, result, now, "test"));
  return result;
}
