import { clickTuple } from "../domain/click-batch";
import type { Click } from "../domain/entities";

/** A click row: one row written per click, no secondary index (migration 0001). */
export interface ClickRow {
  id: string;
  link_id: string;
  program_id: string;
  partner_id: string;
  created_at: number;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  country: string | null;
  ip_hash: string | null;
  user_agent: string | null;
  referer_host: string | null;
}

export const toClick = (row: ClickRow): Click => ({
  id: row.id,
  linkId: row.link_id,
  programId: row.program_id,
  partnerId: row.partner_id,
  createdAt: row.created_at,
  subIds: [row.sub1, row.sub2, row.sub3, row.sub4, row.sub5],
  country: row.country,
  ipHash: row.ip_hash,
  userAgent: row.user_agent,
  refererHost: row.referer_host,
});

const COLUMNS = [
  "id",
  "link_id",
  "program_id",
  "partner_id",
  "created_at",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "country",
  "ip_hash",
  "user_agent",
  "referer_host",
];

/**
 * The click path's only click write, for one click or many: the rows travel as one JSON parameter
 * (D1 allows 100 bound parameters per statement, a click has 14 columns). Idempotent, since the
 * aecid is the key.
 */
export function insertClicksStatement(db: D1Database, clicks: Click[]) {
  const rows = clicks.map(clickTuple);
  const values = COLUMNS.map((_, i) => `value ->> '$[${i}]'`).join(", ");
  return db
    .prepare(
      `INSERT INTO clicks (${COLUMNS.join(", ")})
       SELECT ${values} FROM json_each(?1) WHERE true
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(JSON.stringify(rows));
}

export async function getClick(db: D1Database, id: string): Promise<Click | null> {
  const row = await db.prepare("SELECT * FROM clicks WHERE id = ?1").bind(id).first<ClickRow>();
  return row ? toClick(row) : null;
}

/** The clicks among `ids` (a statement for the postback's read batch). */
export function selectClicks(db: D1Database, ids: string[]) {
  return db
    .prepare("SELECT * FROM clicks WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids));
}

/** Erases what could identify the visitor; the click's link, partner, time and conversion stay. */
export async function erasePersonalFields(db: D1Database, id: string): Promise<Click | null> {
  const row = await db
    .prepare(
      `UPDATE clicks SET ip_hash = NULL, user_agent = NULL, referer_host = NULL,
         sub1 = NULL, sub2 = NULL, sub3 = NULL, sub4 = NULL, sub5 = NULL
       WHERE id = ?1 RETURNING *`,
    )
    .bind(id)
    .first<ClickRow>();
  return row ? toClick(row) : null;
}
