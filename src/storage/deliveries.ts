import type { Delivery, DeliveryState, EventType } from "../domain/outbound";

interface DeliveryRow {
  event_id: string;
  endpoint_id: string;
  id: string;
  event: EventType;
  conversion_id: string | null;
  request: string;
  state: DeliveryState;
  attempts: number;
  created_at: number;
  updated_at: number;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  eventId: r.event_id,
  endpointId: r.endpoint_id,
  id: r.id,
  event: r.event,
  conversionId: r.conversion_id,
  request: r.request,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * One delivery per (event, endpoint): inserting one that exists changes nothing (and returns no
 * row, which tells a new delivery from one already there).
 */
export function insertDeliveryStatement(db: D1Database, d: Delivery) {
  return db
    .prepare(
      `INSERT INTO deliveries (event_id, endpoint_id, id, event, conversion_id, request, state,
         attempts, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING
       RETURNING endpoint_id`,
    )
    .bind(
      d.eventId,
      d.endpointId,
      d.id,
      d.event,
      d.conversionId,
      d.request,
      d.state,
      d.attempts,
      d.createdAt,
      d.updatedAt,
    );
}

export async function getDelivery(db: D1Database, eventId: string, endpointId: string) {
  const row = await db
    .prepare("SELECT * FROM deliveries WHERE event_id = ?1 AND endpoint_id = ?2")
    .bind(eventId, endpointId)
    .first<DeliveryRow>();
  return row ? toDelivery(row) : null;
}

/**
 * Pending deliveries whose queue message is gone: never attempted and untouched since
 * `unqueuedBefore`, or untouched at all since `lostBefore` (what the hourly sweep queues again).
 */
export async function stalled(
  db: D1Database,
  unqueuedBefore: number,
  lostBefore: number,
  limit: number,
) {
  const { results } = await db
    .prepare(
      `SELECT * FROM deliveries WHERE state = 'pending'
         AND ((attempts = 0 AND updated_at < ?1) OR updated_at < ?2)
       ORDER BY updated_at LIMIT ?3`,
    )
    .bind(unqueuedBefore, lostBefore, limit)
    .all<DeliveryRow>();
  return results.map(toDelivery);
}

/** Marks deliveries as just handled (so the sweep does not queue them again next hour). */
export async function touch(db: D1Database, deliveries: Delivery[], now: number) {
  await db
    .prepare(
      `UPDATE deliveries SET updated_at = ?2
       WHERE (event_id, endpoint_id) IN (SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(?1))`,
    )
    .bind(JSON.stringify(deliveries.map((d) => [d.eventId, d.endpointId])), now)
    .run();
}

/** Cancels what is still pending for an endpoint (deleted or disabled). */
export async function cancelPending(db: D1Database, endpointId: string, now: number) {
  await db
    .prepare(
      "UPDATE deliveries SET state = 'cancelled', updated_at = ?2 WHERE endpoint_id = ?1 AND state = 'pending'",
    )
    .bind(endpointId, now)
    .run();
}

/**
 * Deletes up to `batch` finished deliveries whose event is older than `beforeId` (retention):
 * event ids begin with their time (a conversion's id, or a new id), so the key is the time range.
 */
export async function deleteOldDeliveries(db: D1Database, beforeId: string, batch: number) {
  const result = await db
    .prepare(
      `DELETE FROM deliveries WHERE (event_id, endpoint_id) IN (
         SELECT event_id, endpoint_id FROM deliveries WHERE event_id < ?1 AND state <> 'pending'
         LIMIT ?2)`,
    )
    .bind(beforeId, batch)
    .run();
  return result.meta.changes;
}
