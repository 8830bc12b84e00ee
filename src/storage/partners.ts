import type { Partner } from "../domain/entities";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { runWith } from "./run-with";

interface PartnerRow {
  id: string;
  name: string;
  email: string | null;
  created_at: number;
  disabled_at: number | null;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

export async function insertPartner(
  db: D1Database,
  partner: Partner,
  also: D1PreparedStatement[] = [],
) {
  const insert = db
    .prepare("INSERT INTO partners (id, name, email, created_at) VALUES (?1, ?2, ?3, ?4)")
    .bind(partner.id, partner.name, partner.email, partner.createdAt);
  await runWith(db, insert, also);
}

export async function getPartner(db: D1Database, id: string): Promise<Partner | null> {
  const row = await db.prepare("SELECT * FROM partners WHERE id = ?1").bind(id).first<PartnerRow>();
  return row ? toPartner(row) : null;
}

export async function listPartners(
  db: D1Database,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Partner>> {
  return newestFirst(db, "SELECT * FROM partners WHERE 1", [], { limit, after }, toPartner);
}

/**
 * Disables or enables a partner. Disabling ends every session and invite in the same
 * transaction; tokens stay but are refused while the partner is disabled (the lookups join on
 * `disabled_at`). False when there is no such partner.
 */
export async function setPartnerDisabled(
  db: D1Database,
  id: string,
  disabledAt: number | null,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const ending =
    disabledAt === null
      ? []
      : [
          db.prepare("DELETE FROM partner_sessions WHERE partner_id = ?1").bind(id),
          db
            .prepare(
              "UPDATE partner_invites SET used_at = ?2 WHERE partner_id = ?1 AND used_at IS NULL",
            )
            .bind(id, disabledAt),
        ];
  const change = db
    .prepare(
      // Disabling keeps the first time it was disabled; enabling clears it.
      "UPDATE partners SET disabled_at = CASE WHEN ?2 IS NULL THEN NULL ELSE coalesce(disabled_at, ?2) END WHERE id = ?1",
    )
    .bind(id, disabledAt);
  const [changed] = await db.batch([change, ...ending, ...also]);
  return changed?.meta.changes === 1;
}
