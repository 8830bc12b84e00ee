// The performance targets the benchmark holds the Worker to (not the goals of src, which are a
// program's conversion kinds), and the one-line summary it prints last.
import type { PerformanceTarget, Report } from "./run-report.ts";

export interface Measured {
  ratio: number;
  addedP99: number;
  noSinkRatio: number;
  noSinkAddedP99: number;
  rowsPerClick: number;
  rowsPerConversion: number;
  clicksLost: number;
  race: { sent: number; registered: number };
  floodQueriesPerRequest: number;
  postbackP50Ratio: number;
  /** Click write capacity with 3 shards ÷ with 1. */
  shardGain: number;
  clickBytes: number;
}

export function performanceTargets(m: Measured): PerformanceTarget[] {
  return [
    {
      name: "tracked redirect ÷ bare 302 throughput",
      target: "≥ 0.90",
      measured: m.ratio.toFixed(3),
      met: m.ratio >= 0.9,
    },
    {
      name: "added p99 latency",
      target: "≤ 1 ms",
      measured: `${m.addedP99.toFixed(3)} ms`,
      met: m.addedP99 <= 1,
    },
    {
      name: "no-sink build ÷ bare 302 throughput",
      target: "≥ 0.95",
      measured: m.noSinkRatio.toFixed(3),
      met: m.noSinkRatio >= 0.95,
    },
    {
      name: "no-sink build: added p99 latency",
      target: "≤ 1 ms",
      measured: `${m.noSinkAddedP99.toFixed(3)} ms`,
      met: m.noSinkAddedP99 <= 1,
    },
    {
      name: "click write capacity, 3 shards ÷ 1",
      target: "≥ 2 (aim 3)",
      measured: m.shardGain.toFixed(2),
      met: m.shardGain >= 2,
    },
    {
      name: "stored bytes per click",
      target: "≤ 150",
      measured: m.clickBytes.toFixed(0),
      met: m.clickBytes <= 150,
    },
    {
      name: "D1 rows written per click",
      target: "≤ 2 (aim 1)",
      measured: String(m.rowsPerClick),
      met: m.rowsPerClick <= 2,
    },
    {
      name: "D1 rows written per conversion",
      target: "≤ 8",
      measured: String(m.rowsPerConversion),
      met: m.rowsPerConversion <= 8,
    },
    {
      name: "clicks lost under load",
      target: "0",
      measured: String(m.clicksLost),
      met: m.clicksLost === 0,
    },
    {
      name: "postback p50 with 2 endpoints ÷ without",
      target: "≤ 1.10",
      measured: m.postbackP50Ratio.toFixed(3),
      met: m.postbackP50Ratio <= 1.1,
    },
    {
      name: "D1 queries per flood request (random link IDs and keys)",
      target: "≤ 0.01",
      measured: m.floodQueriesPerRequest.toFixed(4),
      met: m.floodQueriesPerRequest <= 0.01,
    },
    {
      name: `${m.race.sent} racing postbacks for one click`,
      target: "1 registered",
      measured: String(m.race.registered),
      met: m.race.registered === 1,
    },
  ];
}

/** Scenarios that failed outright: errors or 5xx answers. */
export function failedScenarios(report: Report): string[] {
  return Object.entries(report.scenarios)
    .filter(([, r]) => r.errors > 0 || Object.keys(r.statuses).some((s) => s.startsWith("5")))
    .map(([name]) => name);
}

/** The machine-readable last line of a run. */
export function summary(report: Report, m: Measured, correct: boolean) {
  const { statementCost } = report;
  return {
    ratio: Number(m.ratio.toFixed(3)),
    addedP99Ms: Number(m.addedP99.toFixed(3)),
    noSinkRatio: Number(m.noSinkRatio.toFixed(3)),
    noSinkAddedP99Ms: Number(m.noSinkAddedP99.toFixed(3)),
    rps: Object.fromEntries(
      Object.entries(report.scenarios).map(([name, r]) => [name, Math.round(r.rps)]),
    ),
    rowsWrittenPerClick: m.rowsPerClick,
    d1ClicksPerSecond: {
      direct: Math.round(1000 / statementCost.singleInsertMs),
      batched: Math.round((100 * 1000) / statementCost.hundredRowInsertMs),
    },
    rowsWrittenPerConversion: m.rowsPerConversion,
    clicksLost: m.clicksLost,
    raceRegistered: m.race.registered,
    costPerMillionClicks: Number(report.costs.perMillionClicks.total.toFixed(4)),
    costPerMillionConversions: Number(report.costs.perMillionConversions.total.toFixed(4)),
    correct,
  };
}
