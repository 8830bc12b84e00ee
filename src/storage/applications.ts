/**
 * Applications from `/join/<program>` (migration 0017): kept until the operator decides. A
 * decision is a compare-and-set on `pending`, so two operators approving at once create one
 * partner: the partner's insert runs in the same batch, only if the decision applied.
 */
import type { Application, ApplicationStatus } from "../domain/application";
import type { Partner } from "../domain/entities";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { insertInviteStatement, type NewInvite } from "./partner-invites";

interface ApplicationRow {
  id: string;
  program_id: string;
  name: string;
  email: string;
  website: string | null;
  promotion: string;
  status: ApplicationStatus;
  partner_id: string | null;
  reason: string | null;
  created_at: number;
  decided_at: number | null;
}

const toApplication = (row: ApplicationRow): Application => ({
  id: row.id,
  programId: row.program_id,
  name: row.name,
  email: row.email,
  website: row.website,
  promotion: row.promotion,
  status: row.status,
  partnerId: row.partner_id,
  reason: row.reason,
  createdAt: row.created_at,
  decidedAt: row.decided_at,
});

export async function insertApplication(db: D1Database, a: Application): Promise<void> {
  await db
    .prepare(
      `INSERT INTO partner_applications (id, program_id, name, email, website, promotion, status,
         created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7)`,
    )
    .bind(a.id, a.programId, a.name, a.email, a.website, a.promotion, a.createdAt)
    .run();
}

export async function getApplication(db: D1Database, id: string): Promise<Application | null> {
  const row = await db
    .prepare("SELECT * FROM partner_applications WHERE id = ?1")
    .bind(id)
    .first<ApplicationRow>();
  return row ? toApplication(row) : null;
}

export function listApplications(
  db: D1Database,
  filter: { status: ApplicationStatus | null; programId: string | null },
  limit: number,
  after: CursorKey | null,
): Promise<Page<Application>> {
  return newestFirst(
    db,
    `SELECT * FROM partner_applications
     WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR program_id = ?2)`,
    [filter.status, filter.programId],
    { limit, after },
    toApplication,
  );
}

/**
 * Approves a pending application and creates its partner, in one transaction; `also` (the audit
 * entry) follows the partner's insert. False when it was no longer pending (decided meanwhile).
 */
export async function approveApplication(
  db: D1Database,
  id: string,
  partner: Partner,
  invite: NewInvite,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const [decided] = await db.batch([
    db
      .prepare(
        `UPDATE partner_applications SET status = 'approved', partner_id = ?2, decided_at = ?3
         WHERE id = ?1 AND status = 'pending'`,
      )
      .bind(id, partner.id, partner.createdAt),
    db
      .prepare(
        "INSERT INTO partners (id, name, email, created_at) SELECT ?1, ?2, ?3, ?4 WHERE changes() = 1",
      )
      .bind(partner.id, partner.name, partner.email, partner.createdAt),
    // The partner belongs to the program it applied to, and gets its invite: each only when the
    // statement before it wrote its row, so a lost race leaves nothing behind.
    db
      .prepare(
        `INSERT INTO program_partners (program_id, partner_id, created_at)
         SELECT program_id, ?2, ?3 FROM partner_applications WHERE id = ?1 AND changes() = 1`,
      )
      .bind(id, partner.id, partner.createdAt),
    insertInviteStatement(db, invite, true),
    ...also,
  ]);
  return decided?.meta.changes === 1;
}

/** Rejects a pending application; false when it was no longer pending. */
export async function rejectApplication(
  db: D1Database,
  id: string,
  reason: string | null,
  now: number,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const [decided] = await db.batch([
    db
      .prepare(
        `UPDATE partner_applications SET status = 'rejected', reason = ?2, decided_at = ?3
         WHERE id = ?1 AND status = 'pending'`,
      )
      .bind(id, reason, now),
    ...also,
  ]);
  return decided?.meta.changes === 1;
}
