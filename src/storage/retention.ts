import type { ClickCutoffs, ProgramWindow } from "../domain/retention";

/**
 * Bounded retention deletes: each statement touches at most `batch` rows, so one run never holds
 * D1 (which executes one query at a time) for long.
 */

/** Every program's attribution window: how long retention must keep its clicks. */
export async function programWindows(main: D1Database): Promise<ProgramWindow[]> {
  const { results } = await main
    .prepare("SELECT id, attribution_window_days FROM programs")
    .all<{ id: string; attribution_window_days: number }>();
  return results.map((row) => ({ id: row.id, attributionWindowDays: row.attribution_window_days }));
}

/**
 * Up to `batch` of a shard's clicks after `afterId` that are past retention for their program
 * (`cutoffs`) and that retention has not dealt with yet (`kept` is set on the converted ones it
 * keeps), oldest first. The primary key bounds the scan and gives its order (`clicks.id`: the
 * `id` alias is hex text, which would sort every match first); the program's cutoff (`+id`: not
 * an index bound) filters within it. `afterId` "" is the start: unhex('') is the empty BLOB.
 */
export async function oldClickIds(
  db: D1Database,
  cutoffs: ClickCutoffs,
  afterId: string,
  batch: number,
) {
  const { results } = await db
    .prepare(
      `SELECT lower(hex(id)) AS id FROM clicks
       WHERE id > unhex(?1) AND id < unhex(?2) AND kept IS NULL
         AND +id < unhex(coalesce(json_extract(?3, '$."' || lower(hex(program_id)) || '"'), ?4))
       ORDER BY clicks.id LIMIT ?5`,
    )
    .bind(afterId, cutoffs.scanBefore, JSON.stringify(cutoffs.byProgram), cutoffs.fallback, batch)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/** Of `ids`, the clicks some conversion points to (the main database; both click indexes). */
export async function convertedAmong(main: D1Database, ids: string[]): Promise<Set<string>> {
  const { results } = await main
    .prepare(
      // Each half is served by its partial index (one per kind of goal).
      `SELECT click_id FROM conversions
       WHERE click_id IN (SELECT value FROM json_each(?1)) AND repeatable = 0
       UNION ALL SELECT click_id FROM conversions
       WHERE click_id IN (SELECT value FROM json_each(?1)) AND repeatable = 1`,
    )
    .bind(JSON.stringify(ids))
    .all<{ click_id: string }>();
  return new Set(results.map((row) => row.click_id));
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

/**
 * Deletes up to `batch` postback-log rows older than `beforeLogId`, of every program in one
 * statement: each program's rows are found on the (program_id, id) key (CROSS JOIN keeps programs
 * the outer loop), so one statement serves any number of programs.
 */
export async function deleteOldLogRows(db: D1Database, beforeLogId: string, batch: number) {
  const result = await db
    .prepare(
      `DELETE FROM postback_log WHERE (program_id, id) IN (
         SELECT l.program_id, l.id FROM programs p
         CROSS JOIN postback_log l ON l.program_id = p.id AND l.id < ?1 LIMIT ?2)`,
    )
    .bind(beforeLogId, batch)
    .run();
  return result.meta.changes;
}
