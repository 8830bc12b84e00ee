import type { Link, Program } from "../domain/entities";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { type ProgramRow, toProgram } from "./programs";
import { runWith } from "./run-with";

interface LinkRow {
  id: string;
  program_id: string;
  partner_id: string;
  destination: string | null;
  disabled: number;
  created_at: number;
}

const toLink = (row: LinkRow): Link => ({
  id: row.id,
  programId: row.program_id,
  partnerId: row.partner_id,
  destination: row.destination,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
});

export async function insertLink(db: D1Database, link: Link, also: D1PreparedStatement[] = []) {
  const insert = db
    .prepare(
      `INSERT INTO links (id, program_id, partner_id, destination, disabled, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(
      link.id,
      link.programId,
      link.partnerId,
      link.destination,
      link.disabled ? 1 : 0,
      link.createdAt,
    );
  await runWith(db, insert, also);
}

export async function updateLink(db: D1Database, link: Link, also: D1PreparedStatement[] = []) {
  const update = db
    .prepare("UPDATE links SET destination = ?2, disabled = ?3 WHERE id = ?1")
    .bind(link.id, link.destination, link.disabled ? 1 : 0);
  await runWith(db, update, also);
}

export async function getLink(db: D1Database, id: string): Promise<Link | null> {
  const row = await db.prepare("SELECT * FROM links WHERE id = ?1").bind(id).first<LinkRow>();
  return row ? toLink(row) : null;
}

/** What the redirect and the admin API need about a link: the link and its program, one query. */
export interface LinkWithProgram {
  link: Link;
  program: Program;
}

type JoinedRow = ProgramRow & { [K in keyof LinkRow as `l_${K}`]: LinkRow[K] };

const SELECT_JOINED = `SELECT l.id AS l_id, l.program_id AS l_program_id, l.partner_id AS l_partner_id,
    l.destination AS l_destination, l.disabled AS l_disabled, l.created_at AS l_created_at, p.*
  FROM links l JOIN programs p ON p.id = l.program_id`;

function toLinkWithProgram(row: JoinedRow): LinkWithProgram {
  const link = toLink({
    id: row.l_id,
    program_id: row.l_program_id,
    partner_id: row.l_partner_id,
    destination: row.l_destination,
    disabled: row.l_disabled,
    created_at: row.l_created_at,
  });
  return { link, program: toProgram(row) };
}

export async function getLinkWithProgram(
  db: D1Database,
  id: string,
): Promise<LinkWithProgram | null> {
  const row = await db.prepare(`${SELECT_JOINED} WHERE l.id = ?1`).bind(id).first<JoinedRow>();
  return row ? toLinkWithProgram(row) : null;
}

/** Links newest first: of one program, or all (null); of one partner (the portal), or all. */
export async function listLinks(
  db: D1Database,
  programId: string | null,
  limit: number,
  after: CursorKey | null,
  partnerId: string | null = null,
): Promise<Page<LinkWithProgram>> {
  return newestFirst(
    db,
    `${SELECT_JOINED} WHERE (?1 IS NULL OR l.program_id = ?1) AND (?2 IS NULL OR l.partner_id = ?2)`,
    [programId, partnerId],
    { limit, after, alias: "l", keyOf: (row: JoinedRow) => [row.l_created_at, row.l_id] },
    toLinkWithProgram,
  );
}
