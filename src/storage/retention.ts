/**
 * Bounded retention deletes: each statement touches at most `batch` rows, so one run never holds
 * D1 (which executes one query at a time) for long.
 */

/**
 * Up to `batch` of a shard's clicks older than `beforeId` that retention has not dealt with yet
 * (`kept` is set on the converted ones it keeps), oldest first. `id >= x''` leaves out the
 * previous release's text-ID rows (migration 0009), which sort before every BLOB.
 */
export async function oldClickIds(db: D1Database, beforeId: string, batch: number) {
  const { results } = await db
    .prepare(
      `SELECT lower(hex(id)) AS id FROM clicks WHERE id >= x'' AND id < unhex(?1) AND kept IS NULL
       ORDER BY id LIMIT ?2`,
    )
    .bind(beforeId, batch)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/** Of `ids`, the clicks some conversion points to (the main database; both click indexes). */
export async function convertedAmong(main: D1Database, ids: string[]): Promise<Set<string>> {
  const json = JSON.stringify(ids);
  const query = (repeatable: number) =>
    main
      .prepare(
        `SELECT click_id FROM conversions
         WHERE click_id IN (SELECT value FROM json_each(?1)) AND repeatable = ?2`,
      )
      .bind(json, repeatable);
  const found = await main.batch<{ click_id: string }>([query(0), query(1)]);
  return new Set(found.flatMap((result) => result.results.map((row) => row.click_id)));
}

/**
 * On one shard, in one transaction: the unconverted clicks deleted, the converted ones kept for
 * their conversion but stripped of what identified the visitor (and marked `kept`).
 */
export async function retireClicks(db: D1Database, unconverted: string[], converted: string[]) {
  const [deleted, erased] = await db.batch([
    db
      .prepare("DELETE FROM clicks WHERE id IN (SELECT unhex(value) FROM json_each(?1))")
      .bind(JSON.stringify(unconverted)),
    db
      .prepare(
        `UPDATE clicks SET ip_hash = NULL, device = NULL, ua_hash = NULL, user_agent = NULL,
           referer_host = NULL, kept = 1
         WHERE id IN (SELECT unhex(value) FROM json_each(?1))`,
      )
      .bind(JSON.stringify(converted)),
  ]);
  return { deleted: deleted?.meta.changes ?? 0, erased: erased?.meta.changes ?? 0 };
}

/**
 * Deletes up to `batch` of the previous release's text-ID click rows older than `beforeId`
 * (compared as text, a range of the key below every BLOB). Each has a copy in today's form
 * (migration 0009), which retention deals with as any click.
 */
export async function deleteOldTextIdClicks(db: D1Database, beforeId: string, batch: number) {
  const result = await db
    .prepare(
      `DELETE FROM clicks WHERE id IN (
         SELECT id FROM clicks WHERE id < ?1 AND typeof(id) = 'text' LIMIT ?2)`,
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
