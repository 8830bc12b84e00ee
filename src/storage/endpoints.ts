import type { Endpoint, EventType } from "../domain/outbound";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { runWith } from "./run-with";

interface EndpointRow {
  id: string;
  url: string;
  method: Endpoint["method"];
  events: string;
  partner_id: string | null;
  program_id: string | null;
  enabled: number;
  disabled_reason: string | null;
  secret_generation: number;
  failed_streak: number;
  created_at: number;
  updated_at: number;
}

const toEndpoint = (row: EndpointRow): Endpoint => ({
  id: row.id,
  url: row.url,
  method: row.method,
  events: JSON.parse(row.events) as EventType[],
  partnerId: row.partner_id,
  programId: row.program_id,
  enabled: row.enabled === 1,
  disabledReason: row.disabled_reason,
  secretGeneration: row.secret_generation,
  failedStreak: row.failed_streak,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const values = (e: Endpoint) => [
  e.id,
  e.url,
  e.method,
  JSON.stringify(e.events),
  e.partnerId,
  e.programId,
  e.enabled ? 1 : 0,
  e.disabledReason,
  e.secretGeneration,
  e.failedStreak,
  e.createdAt,
  e.updatedAt,
];

export async function insertEndpoint(
  db: D1Database,
  e: Endpoint,
  also: D1PreparedStatement[] = [],
) {
  const insert = db
    .prepare(
      `INSERT INTO endpoints (id, url, method, events, partner_id, program_id, enabled,
         disabled_reason, secret_generation, failed_streak, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
    )
    .bind(...values(e));
  await runWith(db, insert, also);
}

/** Writes what an admin may change (url, events, enabled and its reason, secret generation). */
export async function updateEndpoint(
  db: D1Database,
  e: Endpoint,
  also: D1PreparedStatement[] = [],
) {
  const update = db
    .prepare(
      `UPDATE endpoints SET url = ?2, events = ?4, enabled = ?7, disabled_reason = ?8,
         secret_generation = ?9, failed_streak = ?10, updated_at = ?12 WHERE id = ?1`,
    )
    .bind(...values(e));
  await runWith(db, update, also);
}

export async function getEndpoint(db: D1Database, id: string): Promise<Endpoint | null> {
  const row = await db
    .prepare("SELECT * FROM endpoints WHERE id = ?1")
    .bind(id)
    .first<EndpointRow>();
  return row ? toEndpoint(row) : null;
}

export async function deleteEndpoint(
  db: D1Database,
  id: string,
  also: D1PreparedStatement[] = [],
): Promise<boolean> {
  const remove = db.prepare("DELETE FROM endpoints WHERE id = ?1").bind(id);
  const result = await runWith(db, remove, also);
  return result.meta.changes === 1;
}

export function listEndpoints(
  db: D1Database,
  partnerId: string | null,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Endpoint>> {
  return newestFirst(
    db,
    "SELECT * FROM endpoints WHERE (?1 IS NULL OR partner_id = ?1)",
    [partnerId],
    { limit, after },
    toEndpoint,
  );
}

/** The enabled endpoints that may want a conversion of this program and partner. */
export async function endpointsFor(
  db: D1Database,
  programId: string,
  partnerId: string,
): Promise<Endpoint[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM endpoints WHERE enabled = 1
         AND (program_id IS NULL OR program_id = ?1) AND (partner_id IS NULL OR partner_id = ?2)`,
    )
    .bind(programId, partnerId)
    .all<EndpointRow>();
  return results.map(toEndpoint);
}

/**
 * After a delivery ends: a success resets the endpoint's streak; a failure lengthens it, and the
 * `limit`-th in a row disables the endpoint with `reason`. Answers whether it was disabled now.
 */
export async function recordDeliveryEnd(
  db: D1Database,
  id: string,
  delivered: boolean,
  limit: number,
  reason: string,
  now: number,
): Promise<boolean> {
  if (delivered) {
    await db
      .prepare("UPDATE endpoints SET failed_streak = 0 WHERE id = ?1 AND failed_streak <> 0")
      .bind(id)
      .run();
    return false;
  }
  const row = await db
    .prepare(
      `UPDATE endpoints SET failed_streak = failed_streak + 1,
         enabled = CASE WHEN failed_streak + 1 >= ?2 THEN 0 ELSE enabled END,
         disabled_reason = CASE WHEN failed_streak + 1 >= ?2 AND enabled = 1 THEN ?3 ELSE disabled_reason END,
         updated_at = ?4
       WHERE id = ?1 RETURNING enabled, failed_streak`,
    )
    .bind(id, limit, reason, now)
    .first<{ enabled: number; failed_streak: number }>();
  return row?.enabled === 0 && row.failed_streak === limit;
}
