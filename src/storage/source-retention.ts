/**
 * Retention of what conversion sources keep (issue 25): the events they decided (`source_events`,
 * 0012) and the updates kept for a sale (`pending_updates`, 0013; `kept_order_events`, 0015), each
 * statement at most `batch` rows. None of these tables has an index on time: one would be a row
 * written more per event, and a source's sale is at SPEC's ceiling of 8 rows already. So a run
 * reads each table through once (the kept ones hold only what waited, and are small).
 */

/** A kept update deleted before it met its sale: what retention logs of it. */
export interface DroppedUpdate {
  sourceId: string;
  orderId: string;
  /** The platform's event (`eventId`: a log line's `event` is the line's own name). */
  eventId: string;
  keptAt: number;
}

/** Deletes up to `batch` events decided before `before` (ms). */
export async function deleteOldSourceEvents(db: D1Database, before: number, batch: number) {
  const result = await db
    .prepare(
      `DELETE FROM source_events WHERE (source_id, event_id) IN (
         SELECT source_id, event_id FROM source_events WHERE received_at < ?1 LIMIT ?2)`,
    )
    .bind(before, batch)
    .run();
  return result.meta.changes;
}

interface DeletedRow {
  source_id: string;
  order_id: string;
  event: string;
  kept_at: number;
  applied: number;
}

const dropped = (rows: DeletedRow[]): DroppedUpdate[] =>
  rows
    .filter((row) => !row.applied)
    .map((row) => ({
      sourceId: row.source_id,
      orderId: row.order_id,
      eventId: row.event,
      keptAt: row.kept_at,
    }));

/**
 * Deletes up to `batch` kept updates last changed before `before` (ms), of both tables' kinds:
 * Stripe's folded rows, then Shopify's one-per-event rows. Answers how many went, and those that
 * never met their sale (`dropped`).
 */
export async function deleteOldKeptUpdates(db: D1Database, before: number, batch: number) {
  const [folded, each] = await db.batch<DeletedRow>([
    db
      .prepare(
        `DELETE FROM pending_updates WHERE (source_id, order_id) IN (
           SELECT source_id, order_id FROM pending_updates WHERE updated_at < ?1 LIMIT ?2)
         RETURNING source_id, order_id, last_event_id AS event, updated_at AS kept_at,
           applied_at IS NOT NULL AS applied`,
      )
      .bind(before, batch),
    db
      .prepare(
        `DELETE FROM kept_order_events WHERE (program_id, order_id, source_id, event_id) IN (
           SELECT program_id, order_id, source_id, event_id FROM kept_order_events
           WHERE received_at < ?1 LIMIT ?2)
         RETURNING source_id, order_id, event_id AS event, received_at AS kept_at,
           applied_at IS NOT NULL AS applied`,
      )
      .bind(before, batch),
  ]);
  const rows = [...(folded?.results ?? []), ...(each?.results ?? [])];
  // The larger of the two counts: a full batch of either means more may be left.
  const most = Math.max(folded?.results.length ?? 0, each?.results.length ?? 0);
  return { deleted: rows.length, most, dropped: dropped(rows) };
}
