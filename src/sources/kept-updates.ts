import { eventOf } from "../conversion/announce";
import type { Updated } from "../conversion/update-conversion";
import { logEvent } from "../platform/log";
import { selectByOrderStatement } from "../storage/conversions";
import { type DueRow, dueForOrder } from "../storage/due-for-order";
import { type KeptOrderEvent, settleTaken, takeOrderEvents } from "../storage/kept-order-events";
import { markApplied, type PendingUpdate } from "../storage/pending-updates";
import { type Applied, applyToSale } from "./apply-update";

/**
 * Everything kept for an order before its sale, applied to the sale once it is registered,
 * whichever path registered it (a source's event or a postback, src/postback/kept-updates.ts):
 * Stripe's folded row (pending_updates) and Shopify's refunds and cancellation, one row each
 * (kept_order_events). `due` is `dueForOrder`'s answer when the caller read it already. Answers
 * the changes made, in order; none when nothing was due or the sale is not there. Throws when D1
 * fails.
 */
export async function applyKept(
  env: Env,
  programId: string,
  orderId: string,
  now: number,
  due?: DueRow[],
): Promise<Updated[]> {
  const rows = due ?? (await dueForOrder(env.DB, programId, orderId));
  const done: Updated[] = [];
  for (const row of rows) {
    const updated =
      row.kind === "folded"
        ? await applyFolded(env, programId, orderId, row, now)
        : await applyEach(env, programId, orderId, now);
    if (updated) done.push(updated);
  }
  return done;
}

/** What an apply ends as, logged; the change when it was applied. */
function logged(applied: Applied, detail: Record<string, unknown>): Updated | null {
  if (applied.kind === "currency_mismatch") {
    // A currency mismatch will not mend: marked done, logged, not retried.
    logEvent("source_update_not_applied", { ...detail, reason: applied.message }, "error");
    return null;
  }
  if (applied.kind !== "applied") return null;
  logEvent("source_update_applied", { ...detail, conversionId: applied.updated.conversion.id });
  return applied.updated;
}

/** Stripe's row: the least amount left and the first refusal, applied (applying twice is harmless). */
async function applyFolded(
  env: Env,
  programId: string,
  orderId: string,
  row: DueRow,
  now: number,
): Promise<Updated | null> {
  const due: PendingUpdate = {
    orderId,
    programId,
    sourceId: row.source_id ?? "",
    sourceType: row.source_type ?? "",
    amountLeft: row.amount_left,
    currency: row.currency ?? "",
    refuse: row.refuse_reason,
    lastEventId: row.last_event_id ?? "",
    updatedAt: row.updated_at ?? 0,
  };
  const applied = await applyToSale(env, programId, due, now);
  if (applied.kind === "no_conversion") return null;
  const conversionId = applied.kind === "applied" ? applied.updated.conversion.id : "";
  await markApplied(env.DB, due, conversionId, now);
  return logged(applied, { sourceId: due.sourceId, orderId, event: due.lastEventId });
}

/**
 * Shopify's rows: a refund subtracts, so applying one twice is wrong. The rows are taken first
 * (marked in the same statement that reads them): of sales racing, one takes each. The sum of
 * the refunds is taken off at once (nothing left refuses, `refunded`); a cancellation refuses.
 * Not applied (no sale yet, or D1 failed), they are given back.
 */
async function applyEach(
  env: Env,
  programId: string,
  orderId: string,
  now: number,
): Promise<Updated | null> {
  // No sale yet (an update just kept, looking again): nothing to take, nothing to give back.
  const sale = await selectByOrderStatement(env.DB, programId, null, orderId).first();
  if (!sale) return null;
  const taken = await takeOrderEvents(env.DB, programId, orderId, now);
  if (!taken.length) return null;
  const giveBack = () => settleTaken(env.DB, programId, orderId, now, null);
  const update = combined(orderId, taken);
  let applied: Applied;
  try {
    applied = await applyToSale(env, programId, update, now);
  } catch (error) {
    await giveBack().catch(() => logEvent("source_update_give_back_failed", { orderId }, "error"));
    throw error;
  }
  if (applied.kind === "no_conversion") {
    await giveBack();
    return null;
  }
  const conversionId = applied.kind === "applied" ? applied.updated.conversion.id : "";
  await settleTaken(env.DB, programId, orderId, now, conversionId);
  const events = taken.map((e) => e.eventId).join(",");
  return logged(applied, { sourceId: taken[0]?.sourceId, orderId, event: events });
}

/** The kept refunds summed (one shop, one currency) and the first refusal, as one update. */
function combined(orderId: string, taken: KeptOrderEvent[]) {
  const currencies = new Set(taken.flatMap((e) => (e.currency ? [e.currency] : [])));
  // Several currencies cannot come from one shop; the first is checked against the sale, so a
  // mix is refused as a mismatch rather than summed.
  const [currency = null] = currencies.size > 1 ? ["(several)"] : currencies;
  return {
    orderId,
    amountLeft: null,
    amountLess: taken.reduce((sum, e) => sum + (e.amountLess ?? 0), 0),
    currency,
    refuse: taken.find((e) => e.refuse)?.refuse ?? null,
  };
}

/**
 * What an answer says once kept updates applied to its sale (a source's or a postback's): the
 * sale as the last update left it, and the updates' outbound events, after the registration's.
 * Null when nothing applied.
 */
export function appliedParts(updated: Updated[]) {
  const last = updated[updated.length - 1];
  if (!last) return null;
  const { conversion } = last;
  return {
    fields: {
      pending_update: "applied",
      conversion_status: conversion.status,
      amount: conversion.amount,
      commission: conversion.commission,
    },
    laterEvents: updated.flatMap((u) => eventOf(u) ?? []),
  };
}
