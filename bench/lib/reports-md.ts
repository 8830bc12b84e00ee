// BENCHMARKS.md's reports section, from `npm run bench:reports`' file (bench-results/reports.json):
// what GET /api/reports costs on ten million clicks, against issue 26's goals.
import { existsSync, readFileSync } from "node:fs";

export const REPORTS_FILE = "bench-results/reports.json";

interface Figure {
  median: number;
  min: number;
  max: number;
}
interface ReportsRun {
  clicks: number;
  links: number;
  days: number;
  sub1Values: number;
  windowDays: number;
  clicksInWindow: number;
  counterRows: number;
  rounds: number;
  date?: string;
  commit?: string;
  reports: Record<string, { wallMs: Figure; d1Ms: Figure; rowsRead: number; statements: number }>;
  rowsWrittenPerClick: number;
}

const ms = (f: Figure) => `${Math.round(f.median)} ms (${Math.round(f.min)}–${Math.round(f.max)})`;
const meets = (ok: boolean) => (ok ? "meets" : "**misses**");

export function reportsValues(): Record<string, string> {
  if (!existsSync(REPORTS_FILE)) {
    return { reports_summary: "not measured yet: run `npm run bench:reports`", reports_rows: "" };
  }
  const run = JSON.parse(readFileSync(REPORTS_FILE, "utf8")) as ReportsRun;
  const rows = Object.entries(run.reports).map(
    ([groupBy, r]) =>
      `| ${groupBy} | ${r.rowsRead.toLocaleString("en")} (${meets(r.rowsRead <= 50_000)}) | ${r.statements} | ${ms(r.d1Ms)} | ${ms(r.wallMs)} (${meets(r.wallMs.median <= 50)}) |`,
  );
  return {
    reports_summary: [
      `${run.clicks.toLocaleString("en")} clicks over ${run.links.toLocaleString("en")} links, ${run.days} days and`,
      `${run.sub1Values.toLocaleString("en")} sub1 values (${run.counterRows.toLocaleString("en")} counter rows), measured`,
      `${run.date ? `on ${run.date}${run.commit ? ` (commit ${run.commit})` : ""}` : ""}; a ${run.windowDays}-day report covers`,
      `${run.clicksInWindow.toLocaleString("en")} clicks, over ${run.rounds} rounds (median, lowest–highest).`,
      `Rows written per click through the whole pipeline, with varied sub-IDs and referrers over 10 links:`,
      `**${run.rowsWrittenPerClick}** (${meets(run.rowsWrittenPerClick <= 1.5)} the goal of ≤ 1.5).`,
    ].join(" "),
    reports_rows: rows.join("\n"),
  };
}
