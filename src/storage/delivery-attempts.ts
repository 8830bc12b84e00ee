import type { Delivery, DeliveryAttempt } from "../domain/outbound";
import { type CursorKey, type Page, toPage } from "./pages";

/** The delivery log (migration 0006): every attempt, never a secret. */

const INSERT_ATTEMPT = `INSERT INTO delivery_attempts (endpoint_id, id, delivery_id, event,
  conversion_id, attempt, attempted_at, http_status, error, duration_ms, response, outcome)`;

const attemptParams = (a: DeliveryAttempt) => [
  a.endpointId,
  a.id,
  a.deliveryId,
  a.event,
  a.conversionId,
  a.attempt,
  a.attemptedAt,
  a.httpStatus,
  a.error,
  a.durationMs,
  a.response,
  a.outcome,
];

const insertAttemptStatement = (db: D1Database, a: DeliveryAttempt) =>
  db
    .prepare(`${INSERT_ATTEMPT} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`)
    .bind(...attemptParams(a));

/**
 * An attempt's log row and the delivery's new state, to run in one transaction, as a
 * compare-and-set: the state is written only if the delivery is still pending with the attempts
 * it was read with. An attempt that comes back late (the delivery cancelled, delivered or tried
 * by a twin meanwhile) changes nothing; it is still logged, since its request went out, with
 * `lateOutcome` (delivered or failed: it is not retried). The second statement returns a row
 * only when the state was written.
 */
export function recordAttemptStatements(
  db: D1Database,
  a: DeliveryAttempt,
  readAttempts: number,
  d: Delivery,
  lateOutcome: "delivered" | "failed",
) {
  const stillAsRead = `EXISTS (SELECT 1 FROM deliveries WHERE event_id = ?13 AND endpoint_id = ?1
    AND state = 'pending' AND attempts = ?14)`;
  return [
    // Both statements see the delivery as it was before the transaction: the log row is written
    // first, and the condition is the same.
    db
      .prepare(
        `${INSERT_ATTEMPT} SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
           CASE WHEN ${stillAsRead} THEN ?12 ELSE ?15 END`,
      )
      .bind(...attemptParams(a), d.eventId, readAttempts, lateOutcome),
    db
      .prepare(
        `UPDATE deliveries SET state = ?3, attempts = ?4, updated_at = ?5
         WHERE event_id = ?1 AND endpoint_id = ?2 AND state = 'pending' AND attempts = ?6
         RETURNING state`,
      )
      .bind(d.eventId, d.endpointId, d.state, d.attempts, d.updatedAt, readAttempts),
  ];
}

/** A "Send test" attempt: logged, with no delivery behind it. */
export async function recordTestAttempt(db: D1Database, a: DeliveryAttempt) {
  await insertAttemptStatement(db, a).run();
}

interface AttemptRow {
  endpoint_id: string;
  id: string;
  delivery_id: string;
  event: string;
  conversion_id: string | null;
  attempt: number;
  attempted_at: number;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
  response: string | null;
  outcome: DeliveryAttempt["outcome"];
}

const toAttempt = (r: AttemptRow): DeliveryAttempt => ({
  endpointId: r.endpoint_id,
  id: r.id,
  deliveryId: r.delivery_id,
  event: r.event,
  conversionId: r.conversion_id,
  attempt: r.attempt,
  attemptedAt: r.attempted_at,
  httpStatus: r.http_status,
  error: r.error,
  durationMs: r.duration_ms,
  response: r.response,
  outcome: r.outcome,
});

/**
 * The delivery log, newest first (attempt ids begin with the millisecond time): an endpoint's
 * straight off the primary key, a conversion's through its index.
 */
export async function listAttempts(
  db: D1Database,
  filters: { endpointId: string | null; conversionId: string | null },
  limit: number,
  after: CursorKey | null,
): Promise<Page<DeliveryAttempt>> {
  const { results } = await db
    .prepare(
      `SELECT * FROM delivery_attempts
       WHERE (?1 IS NULL OR endpoint_id = ?1) AND (?2 IS NULL OR conversion_id = ?2)
         AND (?3 IS NULL OR id < ?3)
       ORDER BY id DESC LIMIT ?4`,
    )
    .bind(filters.endpointId, filters.conversionId, after?.[0] ?? null, limit + 1)
    .all<AttemptRow>();
  return toPage(results, limit, (row) => [row.id], toAttempt);
}

/**
 * Deletes up to `batch` log rows older than `beforeId`, of every endpoint in one statement, a
 * deleted endpoint's too: the endpoints are the log's own distinct `endpoint_id`s, found one
 * index seek each (a skip-scan of the (endpoint_id, id) key), and each one's rows on that key, so
 * retention's cost grows with endpoints, not with rows.
 */
export async function deleteOldAttempts(db: D1Database, beforeId: string, batch: number) {
  const result = await db
    .prepare(
      `WITH RECURSIVE owners(id) AS (
         SELECT min(endpoint_id) FROM delivery_attempts
         UNION ALL
         SELECT (SELECT min(endpoint_id) FROM delivery_attempts WHERE endpoint_id > owners.id)
         FROM owners WHERE owners.id IS NOT NULL)
       DELETE FROM delivery_attempts WHERE (endpoint_id, id) IN (
         SELECT a.endpoint_id, a.id FROM owners o
         CROSS JOIN delivery_attempts a ON a.endpoint_id = o.id AND a.id < ?1 LIMIT ?2)`,
    )
    .bind(beforeId, batch)
    .run();
  return result.meta.changes;
}
