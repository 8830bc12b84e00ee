import { enqueueEvents } from "../delivery/events";
import { applyUpdate } from "../domain/conversion-update";
import { commissionRuleOf } from "../domain/goals";
import type { ConversionEvent } from "../domain/outbound";
import { logEvent } from "../platform/log";
import { conversionUpdateStatements, pendingBefore } from "../storage/conversion-updates";
import { firstConversion } from "../storage/conversions";
import { programsWithHold } from "../storage/programs";
import { eventOf } from "./announce";

const DAY_MS = 86_400_000;
/** Conversions approved per D1 transaction, and transactions per program and run. */
const BATCH = 100;
const BATCHES_PER_PROGRAM = 50;

/**
 * The hourly job of the hold period (SPEC "Status updates"): each program's pending conversions
 * older than its `hold_days` are approved, a batch of 100 per transaction, at most 5,000 per
 * program and run (the rest next hour). Each approval is a compare-and-set with its history row,
 * so a conversion decided meanwhile is left alone, and running twice approves nothing twice.
 * Each approval is announced to the outbound endpoints.
 */
export async function approveHeldConversions(env: Env, now: number): Promise<number> {
  let approved = 0;
  for (const program of await programsWithHold(env.DB)) {
    const before = now - (program.holdDays ?? 0) * DAY_MS;
    for (let round = 0; round < BATCHES_PER_PROGRAM; round++) {
      const held = await pendingBefore(env.DB, program.id, before, BATCH);
      if (!held.length) break;
      const planned = held.map((conversion) => ({
        before: conversion,
        ...applyUpdate(
          conversion,
          { status: "approved", amount: null },
          commissionRuleOf(program, conversion.goal),
          now,
        ),
      }));
      const results = await env.DB.batch(
        planned.flatMap(({ before: b, next, changes }) =>
          conversionUpdateStatements(env.DB, b, next, changes, "hold", now),
        ),
      );
      const events: ConversionEvent[] = [];
      for (const [i, { before: was, changes }] of planned.entries()) {
        const conversion = firstConversion(results[2 * i]);
        const event = conversion && eventOf({ before: was, conversion, changes });
        if (event) events.push(event);
      }
      approved += events.length;
      await enqueueEvents(env, events);
      if (held.length < BATCH) break;
    }
  }
  if (approved) logEvent("hold_approved", { count: approved });
  return approved;
}
