// BENCHMARKS.md's conversion sources section, from `npm run bench:sources`' file
// (bench-results/sources.json): the isolate's CPU and D1's rows per webhook event (issue 25).
import { existsSync, readFileSync } from "node:fs";
import type { ModeCpu } from "./source-cpu.ts";
import type { SourceMode } from "./source-modes.ts";
import type { EventKind, EventRows } from "./source-rows.ts";
import { formatSpread, spreadOf } from "./spread.ts";

export const SOURCES_FILE = "bench-results/sources.json";

export interface SourcesRun {
  date: string;
  commit: string;
  command: string;
  settings: { rounds: number; seconds: number; connections: number; events: number };
  cpu: Record<SourceMode, ModeCpu>;
  rows: Record<EventKind, EventRows>;
}

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([answer, n]) => `${answer} ×${n}`)
    .join(", ");

/** Rows to at most three decimals, and no trailing zeros: 7, 7.5, 7.333. */
const rowsFigure = (n: number) => String(Math.round(n * 1000) / 1000);

/** The section's placeholders from the file, or a line saying how to measure it. */
export function sourcesValues(file = SOURCES_FILE): Record<string, string> {
  if (!existsSync(file)) {
    const missing = "not measured yet: run `npm run bench:sources`";
    return { sources_summary: missing, sources_cpu_rows: "", sources_rows: "" };
  }
  return sourcesMarkdown(JSON.parse(readFileSync(file, "utf8")) as SourcesRun);
}

export function sourcesMarkdown(run: SourcesRun): Record<string, string> {
  const { rounds, seconds, connections, events } = run.settings;
  const cpuRows = Object.entries(run.cpu).map(
    ([mode, m]) =>
      `| ${mode} | ${formatSpread(spreadOf(m.rounds), 3)} | ${formatSpread(spreadOf(m.workerRounds), 3)} | ${m.requests.toLocaleString("en")} | ${list(m.statuses)} |`,
  );
  const rows = Object.entries(run.rows).map(
    ([kind, r]) =>
      `| ${kind} | ${rowsFigure(r.written)} | ${rowsFigure(r.read)} | ${list(r.answers)} |`,
  );
  return {
    sources_summary: [
      `Measured by \`${run.command}\` on ${run.date} (commit ${run.commit}): the CPU over ${rounds}`,
      `rounds of ${seconds} s per mode with ${connections} busy connections, after 1 s of warm-up; the rows over`,
      `${events} events of each kind.`,
    ].join(" "),
    sources_cpu_rows: cpuRows.join("\n"),
    sources_rows: rows.join("\n"),
  };
}
