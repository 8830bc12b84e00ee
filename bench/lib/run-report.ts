// The benchmark's outputs: a table for people, one JSON line for machines, and BENCHMARKS.md.

import type { ColdReport } from "./cold-start.ts";
import { coldTable } from "./cold-table.ts";
import type { ShardCapacity } from "./cost-pass.ts";
import type { HookedLatency } from "./delivery-latency.ts";
import type { CostLine } from "./list-prices.ts";
import type { LoadResult } from "./load.ts";
import type { VersusBare } from "./measure.ts";
import { formatSpread } from "./spread.ts";

export interface PerformanceTarget {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface Report {
  date: string;
  command: string;
  settings: {
    seconds: number;
    connections: number;
    warmupSeconds: number;
    rate: number;
    rounds: number;
  };
  scenarios: Record<string, LoadResult & { note: string }>;
  rows: {
    perClick: { written: number; read: number };
    perConversion: { written: number; read: number };
    perBotHit: { written: number };
  };
  pipeline: {
    clickRate: number;
    clicks: number;
    d1StatementsPerSecond: number;
    messagesPerSecond: number;
    clicksPerMessage: number;
    bytesPerMessage: number;
    rowsWrittenPerClick: number;
  };
  flood: {
    requests: number;
    rps: number;
    d1Queries: number;
    d1QueriesPerRequest: number;
    statuses: Record<string, number>;
    clicksP50: { quiet: number; control: number; flood: number };
    postbacksP50: { quiet: number; control: number; flood: number };
  };
  hooked: HookedLatency;
  /** The redirect against the bare 302: the full build, and the no-sink build. */
  split: Record<"tracked" | "noSink", Omit<VersusBare, "result"> & { cpuMsPerRequest: number }> & {
    bareCpuMsPerRequest: number;
    /** The bare 302's isolate CPU ms per request (isolate-cpu.ts); absent in older runs. */
    bareIsolateCpuMs?: number;
    /** The regression guard's figure (bench/lib/regression-guard.ts) and the committed baseline's. */
    guard: { name: string; figure: number; baseline: number | null; limit: number | null };
  };
  /** The median round of one database against three, and every round's gain (older runs: none). */
  shards: { one: ShardCapacity; three: ShardCapacity; gains?: number[] };
  statementCost: { singleInsertMs: number; hundredRowInsertMs: number; clickBytes: number };
  checks: {
    redirectsWithAecid: number;
    clickRows: number;
    clicksLost: number;
    race: { sent: number; registered: number; conflicts: number };
  };
  costs: { perMillionClicks: CostLine; perMillionConversions: CostLine; clickFloor: number };
  /** The performance targets (bench/lib/targets.ts); `goals` in the JSON of older runs too. */
  goals: PerformanceTarget[];
  /** The cold start (bench/lib/cold-start.ts); absent in the smoke run and older runs. */
  cold?: ColdReport;
}

export const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

export function table(report: Report): string {
  const lines = [
    "scenario               req/s    p50 ms   p99 ms   CPU ms/req  isolate ms/req  statuses",
  ];
  for (const [name, r] of Object.entries(report.scenarios)) {
    const statuses = Object.entries(r.statuses)
      .map(([code, n]) => `${code}×${n}`)
      .join(" ");
    lines.push(
      `${name.padEnd(20)} ${fixed(r.rps, 0).padStart(7)} ${fixed(r.p50, 3).padStart(9)} ${fixed(r.p99, 3).padStart(8)} ${fixed(r.cpuMsPerRequest, 3).padStart(11)} ${fixed(r.isolateCpuMs ?? Number.NaN, 4).padStart(15)}  ${statuses}${r.errors ? ` errors×${r.errors}` : ""}`,
    );
  }
  lines.push("", "redirect ÷ bare 302, median (range) over the rounds:");
  for (const k of ["tracked", "noSink"] as const) {
    const { spread, isolateCpuMs } = report.split[k];
    lines.push(
      `  ${k.padEnd(8)} throughput ${formatSpread(spread.throughput)}  process CPU ${formatSpread(spread.processCpu)}  isolate CPU ${formatSpread(spread.isolateCpu)}  isolate ${formatSpread(isolateCpuMs, 4)} ms/req`,
    );
  }
  lines.push("", "goal                                      target        measured      met");
  for (const goal of report.goals) {
    lines.push(
      `${goal.name.padEnd(41)} ${goal.target.padEnd(13)} ${goal.measured.padEnd(13)} ${goal.met ? "yes" : "NO"}`,
    );
  }
  lines.push("", `per million clicks:      ${report.costs.perMillionClicks.formula}`);
  lines.push(`per million conversions: ${report.costs.perMillionConversions.formula}`);
  if (report.cold) lines.push("", coldTable(report.cold));
  return lines.join("\n");
}
