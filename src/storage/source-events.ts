/** Table `source_events` (migration 0012): the platform events each source has acted on. */

export interface SeenEvent {
  sourceId: string;
  eventId: string;
  type: string;
  outcome: string;
  conversionId: string | null;
  receivedAt: number;
}

/**
 * The outcome of an event being applied: a claim taken before an update that must not be applied
 * twice (a Shopify refund subtracts). A claim older than CLAIM_TTL_MS is the trace of a request
 * that died on the way: its event is no longer seen, so the platform's retry applies it.
 */
export const CLAIMED = "applying";
export const CLAIM_TTL_MS = 60_000;

/** The event's decision, or its live claim; null when it was never seen (or its claim died). */
export async function seenOutcome(
  db: D1Database,
  sourceId: string,
  eventId: string,
  now: number,
): Promise<{ outcome: string; conversion_id: string | null } | null> {
  return db
    .prepare(
      `SELECT outcome, conversion_id FROM source_events WHERE source_id = ?1 AND event_id = ?2
         AND NOT (outcome = '${CLAIMED}' AND received_at < ?3)`,
    )
    .bind(sourceId, eventId, now - CLAIM_TTL_MS)
    .first();
}

/**
 * Takes the event for this request: true when no other has it (or the other's claim died).
 * Identical deliveries racing: one claims, the others find it taken.
 */
export async function claimEvent(
  db: D1Database,
  claim: { sourceId: string; eventId: string; type: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO source_events (source_id, event_id, received_at, type, outcome, conversion_id)
       VALUES (?1, ?2, ?3, ?4, '${CLAIMED}', NULL)
       ON CONFLICT (source_id, event_id) DO UPDATE SET received_at = excluded.received_at
       WHERE source_events.outcome = '${CLAIMED}' AND source_events.received_at < ?5`,
    )
    .bind(claim.sourceId, claim.eventId, now, claim.type, now - CLAIM_TTL_MS)
    .run();
  return result.meta.changes === 1;
}

/** A claim given back (the update failed and will be retried): the event is unseen again. */
export async function releaseClaim(db: D1Database, sourceId: string, eventId: string) {
  await db
    .prepare(
      `DELETE FROM source_events WHERE source_id = ?1 AND event_id = ?2 AND outcome = '${CLAIMED}'`,
    )
    .bind(sourceId, eventId)
    .run();
}

/**
 * The first decision on an event is the one kept (a racing redelivery's is the same anyway); a
 * claim gives way to its decision.
 */
export async function recordEvent(db: D1Database, seen: SeenEvent): Promise<void> {
  await db
    .prepare(
      `INSERT INTO source_events (source_id, event_id, received_at, type, outcome, conversion_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (source_id, event_id) DO UPDATE
         SET outcome = excluded.outcome, conversion_id = excluded.conversion_id
       WHERE source_events.outcome = '${CLAIMED}'`,
    )
    .bind(seen.sourceId, seen.eventId, seen.receivedAt, seen.type, seen.outcome, seen.conversionId)
    .run();
}
