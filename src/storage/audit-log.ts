import { newSecret } from "../domain/ids";
import { type CursorKey, newestFirst, type Page } from "./pages";

/** The audit trail (migration 0011): who changed what through the admin API, and when. */
export interface AuditEntry {
  id: string;
  at: number;
  operator: string;
  action: string;
  resourceType: string;
  resourceId: string;
  /** The changed fields' new values; secrets are left out before they get here. */
  fields: Record<string, unknown>;
  requestId: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, "id">;

interface AuditRow {
  id: string;
  created_at: number;
  operator: string;
  action: string;
  resource_type: string;
  resource_id: string;
  fields: string;
  request_id: string | null;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.created_at,
    operator: row.operator,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    requestId: row.request_id,
  };
}

// Entries of one isolate in the same millisecond keep their order: a sequence follows the time.
let lastMs = -1;
let sequence = 0;

/** A time-ordered id: the time (12 hex digits), a sequence within it (4), then randomness. */
export function auditId(at: number): string {
  sequence = at === lastMs ? sequence + 1 : 0;
  lastMs = at;
  const seq = (sequence & 0xffff).toString(16).padStart(4, "0");
  return at.toString(16).padStart(12, "0") + seq + newSecret().slice(0, 8);
}

/**
 * The entry's INSERT, to run in the same batch as its change, right after the change's own
 * statement: it writes only if that statement changed a row (`changes()`), so a change that did
 * not apply (a lost race, an id gone meanwhile) leaves no record, and one that did always has one.
 */
export function auditStatement(db: D1Database, entry: NewAuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (id, created_at, operator, action, resource_type, resource_id, fields,
         request_id)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE changes() > 0`,
    )
    .bind(
      auditId(entry.at),
      entry.at,
      entry.operator,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      JSON.stringify(entry.fields),
      entry.requestId,
    );
}

/** The entry alone, for changes made outside D1 (dead-letter replays). */
export async function insertAuditEntry(db: D1Database, entry: NewAuditEntry): Promise<void> {
  await db
    .prepare(
      `INSERT INTO audit_log (id, created_at, operator, action, resource_type, resource_id, fields,
         request_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(
      auditId(entry.at),
      entry.at,
      entry.operator,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      JSON.stringify(entry.fields),
      entry.requestId,
    )
    .run();
}

export interface AuditFilters {
  operator?: string;
  resourceType?: string;
  resourceId?: string;
  /** Inclusive, ms. */
  from?: number;
  /** Exclusive, ms. */
  to?: number;
}

export function listAudit(
  db: D1Database,
  filters: AuditFilters,
  limit: number,
  after: CursorKey | null,
): Promise<Page<AuditEntry>> {
  return newestFirst(
    db,
    `SELECT * FROM audit_log WHERE (?1 IS NULL OR operator = ?1)
       AND (?2 IS NULL OR resource_type = ?2) AND (?3 IS NULL OR resource_id = ?3)
       AND (?4 IS NULL OR created_at >= ?4) AND (?5 IS NULL OR created_at < ?5)`,
    [
      filters.operator ?? null,
      filters.resourceType ?? null,
      filters.resourceId ?? null,
      filters.from ?? null,
      filters.to ?? null,
    ],
    { limit, after },
    toAuditEntry,
  );
}

/** Deletes up to `limit` entries older than `before` (ms), oldest first: retention's step. */
export async function deleteAuditBefore(db: D1Database, before: number, limit: number) {
  const result = await db
    .prepare(
      `DELETE FROM audit_log WHERE id IN (
         SELECT id FROM audit_log WHERE created_at < ?1 ORDER BY created_at LIMIT ?2)`,
    )
    .bind(before, limit)
    .run();
  return result.meta.changes;
}
