import { csvRow } from "../domain/csv";
import { measureParts } from "../domain/report-dims";
import { everyClickDb, MAIN_DB } from "../storage/shards";
import { csvCells, csvHeader, pageOf, rowJson, type Sort, sortRows } from "./report-page";
import { reportRows } from "./report-rows";
import { type GroupKey, type ReportFilter, type RollupFigure, readRollups } from "./report-sql";

/** What a report reads: one filter per part (the admin asks one; a partner one per program). */
export interface ReportPart {
  filter: ReportFilter;
  /** Leave out the orders' amounts (`revenue`): a program whose partners do not see them. */
  withoutRevenue?: boolean;
}

export interface ReportAsk {
  groupBy: GroupKey[];
  goal: string | null;
  sort: Sort;
  order: "asc" | "desc";
  limit: number;
  cursor: number;
  format: "json" | "csv";
}

const isRevenue = (f: RollupFigure) => measureParts(f.meas).kind === "r";

/** GET /api/reports's work after its query is judged: read every part in every database. */
export async function runReport(env: Env, ask: ReportAsk, parts: ReportPart[]) {
  const shards = everyClickDb(env).filter(({ binding }) => binding !== MAIN_DB);
  const dbs = [env.DB, ...shards.map((s) => s.db)];
  const read = await Promise.all(
    parts.flatMap((part) =>
      dbs.map(async (db) => {
        const figures = await readRollups(db, ask.groupBy, part.filter);
        return part.withoutRevenue ? figures.filter((f) => !isRevenue(f)) : figures;
      }),
    ),
  );
  const rows = sortRows(reportRows(read.flat(), ask.groupBy, ask.goal), ask.sort, ask.order);
  if (ask.format === "csv") {
    const { fromDay, toDay } = parts[0]?.filter ?? { fromDay: "", toDay: "" };
    const body = [
      csvRow(csvHeader(ask.groupBy)),
      ...rows.map((r) => csvRow(csvCells(r, ask.groupBy))),
    ];
    return new Response(body.join(""), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="report-${fromDay}-${toDay}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  const page = pageOf(rows, ask.limit, ask.cursor);
  return {
    data: page.data.map((r) => rowJson(r, ask.groupBy)),
    next_cursor: page.next_cursor,
  };
}
