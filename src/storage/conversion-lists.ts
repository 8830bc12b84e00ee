import type { Conversion, ConversionStatus } from "../domain/conversion";
import { toConversion } from "./conversions";
import { type CursorKey, newestFirst, type Page } from "./pages";

/** Conversions listed by the operator's filters, newest first, a page or an export part at a time. */

export interface ConversionFilters {
  programId: string | null;
  status: ConversionStatus | null;
  goal: string | null;
  from: number | null;
  to: number | null;
  /** One partner's only (the portal); absent or null: every partner's. */
  partnerId?: string | null;
}

export function listConversions(
  db: D1Database,
  filters: ConversionFilters,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Conversion>> {
  return newestFirst(
    db,
    `SELECT * FROM conversions WHERE ${MATCHING}`,
    filterValues(filters),
    { limit, after },
    toConversion,
  );
}

/** The filters' SQL over ?1…?6 (`filterValues`). */
const MATCHING = `(?1 IS NULL OR program_id = ?1) AND (?2 IS NULL OR status = ?2)
  AND (?3 IS NULL OR created_at >= ?3) AND (?4 IS NULL OR created_at < ?4)
  AND (?5 IS NULL OR goal = ?5) AND (?6 IS NULL OR partner_id = ?6)`;

const filterValues = (f: ConversionFilters) => [
  f.programId,
  f.status,
  f.from,
  f.to,
  f.goal,
  f.partnerId ?? null,
];

/**
 * Where a part of `rows` matching conversions after `after` (newest first) ends: the sort key of
 * its last row, when at least one more row follows it; null when the part holds all that is left.
 * One statement, which walks the rows' keys without reading them out.
 */
export async function partEnd(
  db: D1Database,
  filters: ConversionFilters,
  after: CursorKey | null,
  rows: number,
): Promise<CursorKey | null> {
  const { results } = await db
    .prepare(
      `SELECT created_at, id FROM conversions WHERE ${MATCHING}
         AND (?7 IS NULL OR created_at < ?7 OR (created_at = ?7 AND id < ?8))
       ORDER BY created_at DESC, id DESC LIMIT 2 OFFSET ?9`,
    )
    .bind(...filterValues(filters), after?.[0] ?? null, after?.[1] ?? null, rows - 1)
    .all<{ created_at: number; id: string }>();
  const last = results[0];
  return results.length === 2 && last ? [last.created_at, last.id] : null;
}
