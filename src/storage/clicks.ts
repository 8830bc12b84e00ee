import { clickTuple } from "../domain/click-message";
import type { Click } from "../domain/entities";

/**
 * A click row (migration 0008): one row written per click, no secondary index; the aecid, program
 * and partner as 12-byte BLOBs, the IP and user agent as 16-byte hashes. Rows are read back as
 * hex through CLICK_COLUMNS, so the rest of the code sees the same strings as before.
 */
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
  device: string | null;
  ua_hash: string | null;
  referer_host: string | null;
  user_agent: string | null;
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
  device: row.device,
  uaHash: row.ua_hash,
  refererHost: row.referer_host,
  ...(row.user_agent !== null ? { legacyUserAgent: row.user_agent } : {}),
});

const hex = (column: string) => `lower(hex(${column})) AS ${column}`;

/** The columns of a click, BLOBs as lower-case hex (NULL stays NULL: hex(NULL) is ''). */
export const CLICK_COLUMNS = [
  hex("id"),
  "link_id",
  hex("program_id"),
  hex("partner_id"),
  "created_at",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "country",
  "CASE WHEN ip_hash IS NULL THEN NULL ELSE lower(hex(ip_hash)) END AS ip_hash",
  "device",
  "CASE WHEN ua_hash IS NULL THEN NULL ELSE lower(hex(ua_hash)) END AS ua_hash",
  "referer_host",
  "user_agent",
].join(", ");

/** Where the tuple's value `i` goes, and how: hex strings become BLOBs. */
const INSERTED: [string, string][] = [
  ["id", "unhex(value ->> '$[0]')"],
  ["link_id", "value ->> '$[1]'"],
  ["program_id", "unhex(value ->> '$[2]')"],
  ["partner_id", "unhex(value ->> '$[3]')"],
  ["created_at", "value ->> '$[4]'"],
  ["sub1", "value ->> '$[5]'"],
  ["sub2", "value ->> '$[6]'"],
  ["sub3", "value ->> '$[7]'"],
  ["sub4", "value ->> '$[8]'"],
  ["sub5", "value ->> '$[9]'"],
  ["country", "value ->> '$[10]'"],
  ["ip_hash", "unhex(value ->> '$[11]')"],
  ["device", "value ->> '$[12]'"],
  ["ua_hash", "unhex(value ->> '$[13]')"],
  ["referer_host", "value ->> '$[14]'"],
];

/**
 * The click path's only click write, for one click or many: the rows travel as one JSON parameter
 * (D1 allows 100 bound parameters per statement). Idempotent, since the aecid is the key.
 */
export function insertClicksStatement(db: D1Database, clicks: Click[]) {
  return db
    .prepare(
      `INSERT INTO clicks (${INSERTED.map(([column]) => column).join(", ")})
       SELECT ${INSERTED.map(([, value]) => value).join(", ")} FROM json_each(?1) WHERE true
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(JSON.stringify(clicks.map(clickTuple)));
}

/** The clicks among `ids`, all of this database's shard. */
export function selectClicks(db: D1Database, ids: string[]) {
  return db
    .prepare(
      `SELECT ${CLICK_COLUMNS} FROM clicks
       WHERE id IN (SELECT unhex(value) FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids));
}

export async function getClickIn(db: D1Database, id: string): Promise<Click | null> {
  const row = await selectClicks(db, [id]).first<ClickRow>();
  return row ? toClick(row) : null;
}

const ERASED = `ip_hash = NULL, device = NULL, ua_hash = NULL, user_agent = NULL,
  referer_host = NULL, sub1 = NULL, sub2 = NULL, sub3 = NULL, sub4 = NULL, sub5 = NULL`;

/**
 * Erases what could identify the visitor; the click's link, partner, time and conversion stay.
 * The previous release's row of the same click (text ID, migration 0009) is erased with it.
 */
export async function erasePersonalFieldsIn(db: D1Database, id: string): Promise<Click | null> {
  const [, erased] = await db.batch<ClickRow>([
    db.prepare(`UPDATE clicks SET ${ERASED} WHERE id = ?1`).bind(id),
    db
      .prepare(`UPDATE clicks SET ${ERASED} WHERE id = unhex(?1) RETURNING ${CLICK_COLUMNS}`)
      .bind(id),
  ]);
  const row = erased?.results[0];
  return row ? toClick(row) : null;
}
