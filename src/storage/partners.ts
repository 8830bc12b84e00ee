import type { Partner } from "../domain/entities";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { runWith } from "./run-with";

interface PartnerRow {
  id: string;
  name: string;
  email: string | null;
  created_at: number;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: row.created_at,
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
