/**
 * The read of GET /api/reports, per database (the main one and each click shard): the range's
 * counter rows, one dimension's map taken out of each (`dims -> '$.<dim>'`), summed here per group
 * key, value and measure. Never raw clicks: one row per day and link at most, whatever the traffic.
 *
 * Why the sum is not in SQL: D1 bills (and SQLite counts) every row a statement steps through,
 * and `json_each` steps through each value and each measure, then GROUP BY's sorter through them
 * again: a 30-day report by sub1 over 1,000 links read 60 rows per counter row that way (bench:
 * reports). Taking the map out of the row reads the row once. Pages of `PAGE` rows, in key order,
 * keep what one statement answers small (a row's sub1 map may hold a thousand values).
 */
import { ALL, CLICK_DIMENSIONS, type ClickDimension } from "../domain/report-dims";

export type RowKey = "day" | "link" | "partner";
export type GroupKey = RowKey | ClickDimension | "goal";
export const GROUP_KEYS = ["day", "partner", "link", ...CLICK_DIMENSIONS, "goal"] as const;

const COLUMN: Record<RowKey, string> = { day: "t.day", link: "t.link_id", partner: "t.partner_id" };
export const PAGE = 2000;

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

const rowKeysOf = (groupBy: GroupKey[]) => groupBy.filter((k): k is RowKey => k in COLUMN);
const dimensionOf = (groupBy: GroupKey[]) =>
  groupBy.find((k): k is ClickDimension => (CLICK_DIMENSIONS as readonly string[]).includes(k)) ??
  ALL;

/**
 * One page: the rows after (?1 day, ?2 link), up to ?3 the last day; ?4 program, ?5 partner, ?6
 * link, each null for all; ?7 the page's size. The first page starts after (first day, ''), and
 * the range's only lower bound is that row value, so each page seeks straight to its start in the
 * primary key (day, link_id): with `day >= first day` beside it, SQLite started every page at the
 * first day and stepped over the pages before (rows read grew with the square of the pages).
 */
export function reportPageSql(groupBy: GroupKey[]): string {
  const keys = rowKeysOf(groupBy).map((k) => `${COLUMN[k]} AS ${k}`);
  return `SELECT ${[...keys, "t.day AS at_day", "t.link_id AS at_link", `t.dims -> '$.${dimensionOf(groupBy)}' AS m`].join(", ")}
    FROM daily_link_counts t
    WHERE (t.day, t.link_id) > (?1, ?2) AND t.day <= ?3 AND t.dims IS NOT NULL
      AND (?4 IS NULL OR t.program_id = ?4) AND (?5 IS NULL OR t.partner_id = ?5)
      AND (?6 IS NULL OR t.link_id = ?6)
    ORDER BY t.day, t.link_id LIMIT ?7`;
}

interface PageRow {
  day?: string;
  link?: string;
  partner?: string | null;
  at_day: string;
  at_link: string;
  m: string | null;
}

/** The sums of one database's counter rows in the range, per group key, value and measure. */
export async function readRollups(
  db: D1Database,
  groupBy: GroupKey[],
  f: ReportFilter,
  page = PAGE,
): Promise<RollupFigure[]> {
  const rowKeys = rowKeysOf(groupBy);
  const statement = db.prepare(reportPageSql(groupBy));
  const sums: Sums = new Map();
  let after = [f.fromDay, ""];
  for (;;) {
    const { results } = await statement
      .bind(after[0], after[1], f.toDay, f.programId, f.partnerId, f.linkId, page)
      .all<PageRow>();
    for (const row of results) addRow(sums, rowKeys, row);
    const last = results.at(-1);
    if (!last || results.length < page) break;
    after = [last.at_day, last.at_link];
  }
  const figures: RollupFigure[] = [];
  for (const { keys, values } of sums.values()) {
    for (const [val, measures] of values) {
      for (const [meas, amt] of measures) figures.push({ ...keys, val, meas, amt } as RollupFigure);
    }
  }
  return figures;
}

/** Per group key, per value, per measure: maps of short keys, no string built per figure. */
type Sums = Map<
  string,
  { keys: Partial<Record<RowKey, string | null>>; values: Map<string, Map<string, number>> }
>;

function addRow(sums: Sums, rowKeys: RowKey[], row: PageRow): void {
  if (row.m === null) return;
  const id = rowKeys.length ? rowKeys.map((k) => row[k] ?? "").join("\u0000") : "";
  let group = sums.get(id);
  if (!group) {
    const keys: Partial<Record<RowKey, string | null>> = {};
    for (const k of rowKeys) keys[k] = row[k] ?? null;
    group = { keys, values: new Map() };
    sums.set(id, group);
  }
  const byValue = JSON.parse(row.m) as Record<string, Record<string, number>>;
  for (const val in byValue) {
    let into = group.values.get(val);
    if (!into) {
      into = new Map();
      group.values.set(val, into);
    }
    const measures = byValue[val] as Record<string, number>;
    for (const meas in measures) into.set(meas, (into.get(meas) ?? 0) + (measures[meas] as number));
  }
}
