/**
 * Which programs a partner belongs to: those it was added to (table `program_partners`: an
 * approved application, the operator) and those it has links in. The portal shows these only.
 */

export function addMemberStatement(
  db: D1Database,
  programId: string,
  partnerId: string,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT OR IGNORE INTO program_partners (program_id, partner_id, created_at) VALUES (?1, ?2, ?3)",
    )
    .bind(programId, partnerId, now);
}

/** The IDs of the partner's programs, in no particular order. */
export async function memberProgramIds(db: D1Database, partnerId: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT program_id FROM program_partners WHERE partner_id = ?1
       UNION SELECT DISTINCT program_id FROM links WHERE partner_id = ?1`,
    )
    .bind(partnerId)
    .all<{ program_id: string }>();
  return results.map((row) => row.program_id);
}

export async function isMember(
  db: D1Database,
  programId: string,
  partnerId: string,
): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 AS yes WHERE EXISTS (SELECT 1 FROM program_partners WHERE partner_id = ?1 AND program_id = ?2)
          OR EXISTS (SELECT 1 FROM links WHERE partner_id = ?1 AND program_id = ?2)`,
    )
    .bind(partnerId, programId)
    .first<{ yes: number }>();
  return row !== null;
}
