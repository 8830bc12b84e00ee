/**
 * The read of GET /api/reports, per database (the main one and each click shard): the rollups of
 * the range's counter rows, summed per group key, dimension value and measure. Never raw clicks:
 * it reads one row per day and link at most, whatever the traffic.
 */
import { ALL, CLICK_DIMENSIONS, type ClickDimension } from "../domain/report-dims";

export type RowKey = "day" | "link" | "partner";
export type GroupKey = RowKey | ClickDimension | "goal";
export const GROUP_KEYS = ["day", "partner", "link", ...CLICK_DIMENSIONS, "goal"] as const;

const COLUMN: Record<RowKey, string> = { day: "t.day", link: "t.link_id", partner: "t.partner_id" };

export interface ReportFilter {
  fromDay: string;
  toDay: string;
  programId: string | null;
  partnerId: string | null;
  linkId: string | null;
}

export interface RollupFigure {
  day?: string;
  link?: string;
  partner?: string | null;
  val: string;
  meas: string;
  amt: number;
}

/** ?1, ?2 the days; ?3 program, ?4 partner, ?5 link, each null for all. */
export function reportSql(groupBy: GroupKey[]): string {
  const rowKeys = groupBy.filter((k): k is RowKey => k in COLUMN);
  const dim = groupBy.find((k): k is ClickDimension =>
    (CLICK_DIMENSIONS as readonly string[]).includes(k),
  );
  const keys = rowKeys.map((k) => `${COLUMN[k]} AS ${k}`);
  return `SELECT ${[...keys, "x.key AS val", "m.key AS meas", "sum(m.value) AS amt"].join(", ")}
    FROM daily_link_counts t, json_each(t.dims, '$.${dim ?? ALL}') x, json_each(x.value) m
    WHERE t.day >= ?1 AND t.day <= ?2 AND t.dims IS NOT NULL AND (?3 IS NULL OR t.program_id = ?3)
      AND (?4 IS NULL OR t.partner_id = ?4) AND (?5 IS NULL OR t.link_id = ?5)
    GROUP BY ${[...rowKeys.map((k) => COLUMN[k]), "x.key", "m.key"].join(", ")}`;
}

export async function readRollups(
  db: D1Database,
  groupBy: GroupKey[],
  f: ReportFilter,
): Promise<RollupFigure[]> {
  const { results } = await db
    .prepare(reportSql(groupBy))
    .bind(f.fromDay, f.toDay, f.programId, f.partnerId, f.linkId)
    .all<RollupFigure>();
  return results;
}
