/**
 * Table `pending_updates` (migration 0013): updates kept until their sale is registered; read
 * with kept_order_events' rows by `dueForOrder` (due-for-order.ts).
 */

export interface OrderUpdate {
  /** The sale's order id, as its source registers the sale. */
  orderId: string;
  /** What is left of the sale in ISO 4217 minor units (refunds), or null: unchanged. */
  amountLeft: number | null;
  currency: string;
  /** The refusal's reason (`refunded`, `disputed`, …), or null. */
  refuse: string | null;
}

export interface PendingUpdate extends OrderUpdate {
  sourceId: string;
  programId: string;
  sourceType: string;
  lastEventId: string;
  updatedAt: number;
}

/**
 * Keeps an update, folded into the order's row: the least amount left wins (refunds are
 * cumulative, so the later one leaves less), the first refusal's reason stays, and a row already
 * applied is due again (a racing sale may have applied it before this fold).
 */
export async function keepUpdate(db: D1Database, p: PendingUpdate, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO pending_updates (source_id, order_id, program_id, source_type, amount_left,
         currency, refuse_reason, last_event_id, received_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
       ON CONFLICT (source_id, order_id) DO UPDATE SET
         amount_left = CASE
           WHEN excluded.amount_left IS NULL THEN amount_left
           WHEN amount_left IS NULL THEN excluded.amount_left
           ELSE min(amount_left, excluded.amount_left) END,
         refuse_reason = COALESCE(refuse_reason, excluded.refuse_reason),
         last_event_id = excluded.last_event_id,
         updated_at = max(updated_at + 1, excluded.updated_at),
         applied_at = NULL`,
    )
    .bind(
      p.sourceId,
      p.orderId,
      p.programId,
      p.sourceType,
      p.amountLeft,
      p.currency,
      p.refuse,
      p.lastEventId,
      now,
    )
    .run();
}

/** Marks it applied, unless another update folded in since it was read (then it stays due). */
export async function markApplied(
  db: D1Database,
  p: PendingUpdate,
  conversionId: string,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE pending_updates SET applied_at = ?4, conversion_id = ?5
       WHERE source_id = ?1 AND order_id = ?2 AND updated_at = ?3`,
    )
    .bind(p.sourceId, p.orderId, p.updatedAt, now, conversionId)
    .run();
}
