export interface Click {
  id: string;
  linkId: string;
  programId: string;
  partnerId: string;
  createdAt: number;
  subIds: [string | null, string | null, string | null, string | null, string | null];
  country: string | null;
  ipHash: string | null;
  userAgent: string | null;
  refererHost: string | null;
}

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
