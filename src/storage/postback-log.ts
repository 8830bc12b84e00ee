import type { PostbackLogEntry } from "../domain/entities";
import { type CursorKey, type Page, toPage } from "./pages";

interface LogRow {
  program_id: string;
  id: string;
  received_at: number;
  http_status: number;
  outcome: string;
  conversion_id: string | null;
  fields: string;
  test: number;
}

const toEntry = (row: LogRow): PostbackLogEntry => ({
  programId: row.program_id,
  id: row.id,
  receivedAt: row.received_at,
  httpStatus: row.http_status,
  outcome: row.outcome,
  conversionId: row.conversion_id,
  fields: JSON.parse(row.fields) as Record<string, string>,
  test: row.test === 1,
});

const COLUMNS = "program_id, id, received_at, http_status, outcome, conversion_id, fields, test";
const logValues = (entry: PostbackLogEntry) => [
  entry.programId,
  entry.id,
  entry.receivedAt,
  entry.httpStatus,
  entry.outcome,
  entry.conversionId,
  JSON.stringify(entry.fields),
  entry.test ? 1 : 0,
];

export function insertLogStatement(db: D1Database, entry: PostbackLogEntry) {
  return db
    .prepare(
      `INSERT INTO postback_log (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING`,
    )
    .bind(...logValues(entry));
}

/** The log row of a registration, written in the same batch only if conversion `?9` was inserted. */
export function insertLogIfConvertedStatement(
  db: D1Database,
  entry: PostbackLogEntry,
  conversionId: string,
) {
  return db
    .prepare(
      `INSERT INTO postback_log (${COLUMNS})
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS (SELECT 1 FROM conversions WHERE id = ?9)
       ON CONFLICT DO NOTHING`,
    )
    .bind(...logValues(entry), conversionId);
}

/**
 * The log, newest first: one program's, or every program's. Log IDs begin with the millisecond
 * time and the key is (program_id, id), so each program's page is read straight off the primary
 * key, at most `limit + 1` rows; every program's is the merge of those pages, in the same one
 * statement however many programs there are (a statement per program would pass Workers' 1,000
 * D1 queries an invocation; CROSS JOIN keeps programs the outer loop, each read on its key).
 */
export async function listPostbackLog(
  db: D1Database,
  programId: string | null,
  limit: number,
  after: CursorKey | null,
): Promise<Page<PostbackLogEntry>> {
  const before = after?.[0] ?? null;
  const statement =
    programId === null
      ? db
          .prepare(
            `SELECT l.* FROM programs p CROSS JOIN postback_log l ON l.program_id = p.id AND l.id IN (
               SELECT id FROM postback_log WHERE program_id = p.id AND (?1 IS NULL OR id < ?1)
               ORDER BY id DESC LIMIT ?2)
             ORDER BY l.id DESC LIMIT ?2`,
          )
          .bind(before, limit + 1)
      : db
          .prepare(
            `SELECT * FROM postback_log WHERE program_id = ?1 AND (?2 IS NULL OR id < ?2)
             ORDER BY id DESC LIMIT ?3`,
          )
          .bind(programId, before, limit + 1);
  const { results } = await statement.all<LogRow>();
  return toPage(results, limit, (row) => [row.id], toEntry);
}
