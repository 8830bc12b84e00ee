import type { Program } from "../domain/entities";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { type ProgramRow, toProgram } from "./programs";

/**
 * A partner's programs, read with its ID bound in the statement (the membership of
 * storage/program-partners.ts: added to the program, or holding a link in it).
 */
const MEMBER = `id IN (SELECT program_id FROM program_partners WHERE partner_id = ?1
  UNION SELECT program_id FROM links WHERE partner_id = ?1)`;

export function listPartnerPrograms(
  db: D1Database,
  partnerId: string,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Program>> {
  return newestFirst(
    db,
    `SELECT * FROM programs WHERE ${MEMBER}`,
    [partnerId],
    { limit, after },
    toProgram,
  );
}

/** Every program of the partner (a report's scope): a partner belongs to a handful. */
export async function allPartnerPrograms(db: D1Database, partnerId: string): Promise<Program[]> {
  const { results } = await db
    .prepare(`SELECT * FROM programs WHERE ${MEMBER} ORDER BY id LIMIT 1000`)
    .bind(partnerId)
    .all<ProgramRow>();
  return results.map(toProgram);
}

/** The program, when the partner belongs to it; else null, whether it exists or not. */
export async function getPartnerProgram(
  db: D1Database,
  partnerId: string,
  programId: string,
): Promise<Program | null> {
  const row = await db
    .prepare(`SELECT * FROM programs WHERE id = ?2 AND ${MEMBER}`)
    .bind(partnerId, programId)
    .first<ProgramRow>();
  return row ? toProgram(row) : null;
}
