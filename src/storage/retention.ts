/**
 * Bounded retention deletes: each statement touches at most `batch` rows, so one run never holds
 * D1 (which executes one query at a time) for long.
 */

/** Deletes up to `batch` clicks older than `beforeId` that no conversion points to. */
export async function deleteUnconvertedClicks(db: D1Database, beforeId: string, batch: number) {
  const result = await db
    .prepare(
      `DELETE FROM clicks WHERE id IN (
         SELECT c.id FROM clicks c
         WHERE c.id < ?1 AND NOT EXISTS (SELECT 1 FROM conversions v WHERE v.click_id = c.id)
         LIMIT ?2)`,
    )
    .bind(beforeId, batch)
    .run();
  return result.meta.changes;
}

/** Converted clicks are kept for their conversion, but lose what identified the visitor. */
export async function eraseOldConvertedClicks(db: D1Database, beforeId: string, batch: number) {
  const result = await db
    .prepare(
      `UPDATE clicks SET ip_hash = NULL, user_agent = NULL, referer_host = NULL
       WHERE id IN (SELECT id FROM clicks WHERE id < ?1
                    AND (ip_hash IS NOT NULL OR user_agent IS NOT NULL OR referer_host IS NOT NULL)
                    LIMIT ?2)`,
    )
    .bind(beforeId, batch)
    .run();
  return result.meta.changes;
}

/** Deletes up to `batch` of one program's postback-log rows older than `beforeLogId`. */
export async function deleteOldLogRows(
  db: D1Database,
  programId: string,
  beforeLogId: string,
  batch: number,
) {
  const result = await db
    .prepare(
      `DELETE FROM postback_log WHERE program_id = ?1 AND id IN (
         SELECT id FROM postback_log WHERE program_id = ?1 AND id < ?2 LIMIT ?3)`,
    )
    .bind(programId, beforeLogId, batch)
    .run();
  return result.meta.changes;
}
