/** Table `source_events` (migration 0012): the platform events each source has acted on. */

export interface SeenEvent {
  sourceId: string;
  eventId: string;
  type: string;
  outcome: string;
  conversionId: string | null;
  receivedAt: number;
}

export async function seenOutcome(
  db: D1Database,
  sourceId: string,
  eventId: string,
): Promise<{ outcome: string; conversion_id: string | null } | null> {
  return db
    .prepare(
      "SELECT outcome, conversion_id FROM source_events WHERE source_id = ?1 AND event_id = ?2",
    )
    .bind(sourceId, eventId)
    .first();
}

/** The first decision on an event is the one kept (a racing redelivery's is the same anyway). */
export async function recordEvent(db: D1Database, seen: SeenEvent): Promise<void> {
  await db
    .prepare(
      `INSERT INTO source_events (source_id, event_id, received_at, type, outcome, conversion_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING`,
    )
    .bind(seen.sourceId, seen.eventId, seen.receivedAt, seen.type, seen.outcome, seen.conversionId)
    .run();
}
