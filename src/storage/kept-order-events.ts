/**
 * Table `kept_order_events` (migration 0015): Shopify refunds and cancellations kept until their
 * sale is registered, one row per webhook (what a sale reads first is in due-for-order.ts).
 */

export interface KeptOrderEvent {
  programId: string;
  orderId: string;
  sourceId: string;
  eventId: string;
  sourceType: string;
  /** What this refund gave back, in minor units of `currency`; null: a cancellation. */
  amountLess: number | null;
  currency: string | null;
  refuse: string | null;
}

interface KeptRow {
  source_id: string;
  event_id: string;
  source_type: string;
  amount_less: number | null;
  currency: string | null;
  refuse_reason: string | null;
}

/** Keeps the event once: a redelivered webhook (the same ID) finds its row and adds nothing. */
export async function keepOrderEvent(
  db: D1Database,
  e: KeptOrderEvent,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO kept_order_events (program_id, order_id, source_id, event_id, source_type,
         amount_less, currency, refuse_reason, received_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT DO NOTHING`,
    )
    .bind(
      e.programId,
      e.orderId,
      e.sourceId,
      e.eventId,
      e.sourceType,
      e.amountLess,
      e.currency,
      e.refuse,
      now,
    )
    .run();
}

/**
 * Takes every kept event of the order not applied yet, marking it applied at `now` in the same
 * statement: of sales racing, one takes each event, so a refund is never subtracted twice.
 */
export async function takeOrderEvents(
  db: D1Database,
  programId: string,
  orderId: string,
  now: number,
): Promise<KeptOrderEvent[]> {
  const { results } = await db
    .prepare(
      `UPDATE kept_order_events SET applied_at = ?3
       WHERE program_id = ?1 AND order_id = ?2 AND applied_at IS NULL
       RETURNING source_id, event_id, source_type, amount_less, currency, refuse_reason`,
    )
    .bind(programId, orderId, now)
    .all<KeptRow>();
  return results.map((row) => ({
    programId,
    orderId,
    sourceId: row.source_id,
    eventId: row.event_id,
    sourceType: row.source_type,
    amountLess: row.amount_less,
    currency: row.currency,
    refuse: row.refuse_reason,
  }));
}

/**
 * What a take ends as: applied to `conversionId`, or (null) given back, due again, because the
 * sale was not there or applying failed.
 */
export async function settleTaken(
  db: D1Database,
  programId: string,
  orderId: string,
  takenAt: number,
  conversionId: string | null,
): Promise<void> {
  const set = conversionId === null ? "applied_at = NULL" : "conversion_id = ?4";
  await db
    .prepare(
      `UPDATE kept_order_events SET ${set}
       WHERE program_id = ?1 AND order_id = ?2 AND applied_at = ?3 AND conversion_id IS NULL`,
    )
    .bind(programId, orderId, takenAt, ...(conversionId === null ? [] : [conversionId]))
    .run();
}
