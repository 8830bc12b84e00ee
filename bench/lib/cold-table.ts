// The cold-start figures as a table for people (bench:cold and npm run bench).
import { type ColdFigure, coldGoal, REDIRECT } from "./cold-figures.ts";
import type { ColdReport } from "./cold-start.ts";
import { formatSpread } from "./spread.ts";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Heading and width of each column, in the order coldRow fills them. */
const COLUMNS: [string, number][] = [
  ["worker", 27],
  ["to spawn", 19],
  ["listening", 22],
  ["first answer", 19],
  ["total", 22],
  ["from spawn", 22],
  ["÷ bare", 19],
  ["÷ bare+bindings", 19],
  ["from spawn ÷ bare", 19],
  ["from spawn ÷ b+b", 19],
  ["added from spawn", 22],
  ["workerd CPU ms", 17],
  ["Node CPU ms", 17],
  ["statuses", 0],
];

export function coldTable(report: Pick<ColdReport, "rounds" | "figures" | "bytes">): string {
  const lines = [
    `cold start, median (range) over ${report.rounds} rounds; ms unless said; "to spawn" is Miniflare's own part before workerd starts, "from spawn" what is left (what a Cloudflare isolate pays):`,
    COLUMNS.map(([title, width]) => title.padEnd(width)).join(" "),
  ];
  for (const [name, f] of Object.entries(report.figures)) lines.push(coldRow(name, f));
  const redirect = report.figures[REDIRECT];
  if (redirect) {
    const goal = coldGoal(redirect);
    lines.push(
      `goal: cold first redirect ≤ 1.5× the bare Worker's (same bindings), from workerd's spawn: ${formatSpread(goal.ratio, 2)} ${goal.met ? "met" : "NOT met"}${goal.certain ? "" : " (the range straddles 1.5)"}; from Miniflare's start: ${formatSpread(redirect.vsBound, 2)}`,
    );
  }
  const { bundle, redirectEvaluates } = report.bytes;
  lines.push(
    `bytes: bundle ${kb(bundle.bytes)} (${kb(bundle.gzipBytes)} gz); a cold redirect evaluates ${kb(redirectEvaluates.bytes)} (${kb(redirectEvaluates.gzipBytes)} gz)`,
  );
  return lines.join("\n");
}

const coldRow = (name: string, f: ColdFigure) =>
  [
    name,
    formatSpread(f.spawnMs, 1),
    formatSpread(f.startMs, 1),
    formatSpread(f.firstMs, 1),
    formatSpread(f.totalMs, 1),
    formatSpread(f.fromSpawnMs, 1),
    formatSpread(f.vsBare, 2),
    formatSpread(f.vsBound, 2),
    formatSpread(f.fromSpawnVsBare, 2),
    formatSpread(f.fromSpawnVsBound, 2),
    formatSpread(f.fromSpawnAddedMs, 1),
    formatSpread(f.cpuMs, 0),
    formatSpread(f.hostCpuMs, 0),
    f.statuses.join(" "),
  ]
    .map((cell, i) => cell.padEnd(COLUMNS[i]?.[1] ?? 0))
    .join(" ");
