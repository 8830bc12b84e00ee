/**
 * The one read a registered sale makes to find what was kept for its order, of either kind
 * (pending_updates, 0013; kept_order_events, 0015). On its own, small, as every postback reaches
 * it.
 */

/** One row of what waits for an order's sale (`dueForOrder`). */
export interface DueRow {
  /** `folded`: a pending_updates row (Stripe's running totals); `each`: kept_order_events has some. */
  kind: "folded" | "each";
  source_id: string | null;
  source_type: string | null;
  amount_left: number | null;
  currency: string | null;
  refuse_reason: string | null;
  last_event_id: string | null;
  updated_at: number | null;
}

/**
 * What waits for the program's order, in one statement that reads nothing when nothing waits:
 * the folded rows whole (pending_updates' partial index of rows not applied, 0015), and one row
 * saying whether kept_order_events holds any (its key's prefix). Every registered sale makes it,
 * a source's or a postback's.
 */
export async function dueForOrder(
  db: D1Database,
  programId: string,
  orderId: string,
): Promise<DueRow[]> {
  const { results } = await db
    .prepare(
      `SELECT 'folded' AS kind, source_id, source_type, amount_left, currency, refuse_reason,
         last_event_id, updated_at
       FROM pending_updates WHERE program_id = ?1 AND order_id = ?2 AND applied_at IS NULL
       UNION ALL
       SELECT 'each', NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE EXISTS (
         SELECT 1 FROM kept_order_events
         WHERE program_id = ?1 AND order_id = ?2 AND applied_at IS NULL)`,
    )
    .bind(programId, orderId)
    .all<DueRow>();
  return results;
}
