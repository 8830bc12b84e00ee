// The cold-start figures as a table for people (bench:cold and npm run bench).
import { type ColdFigure, coldGoal, REDIRECT } from "./cold-figures.ts";
import type { ColdReport } from "./cold-start.ts";
import { formatSpread } from "./spread.ts";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function coldTable(report: Pick<ColdReport, "rounds" | "figures" | "bytes">): string {
  const lines = [
    `cold start, median (range) over ${report.rounds} rounds; ms unless said:`,
    "worker                      listening              first answer        total                  ÷ bare                 ÷ bare+bindings        added ms               workerd CPU ms    Node CPU ms       statuses",
  ];
  for (const [name, f] of Object.entries(report.figures)) lines.push(coldRow(name, f));
  const redirect = report.figures[REDIRECT];
  if (redirect) {
    const goal = coldGoal(redirect);
    lines.push(
      `goal: cold first redirect ≤ 1.5× the bare Worker's (same bindings): ${formatSpread(goal.ratio)} ${goal.met ? "met" : "NOT met"}${goal.certain ? "" : " (the range straddles 1.5)"}; without the Node side's extra CPU (estimate): ${formatSpread(redirect.vsBoundInWorkerd)}`,
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
    name.padEnd(27),
    formatSpread(f.startMs, 1).padEnd(22),
    formatSpread(f.firstMs, 1).padEnd(19),
    formatSpread(f.totalMs, 1).padEnd(22),
    formatSpread(f.vsBare, 2).padEnd(22),
    formatSpread(f.vsBound, 2).padEnd(22),
    formatSpread(f.addedMs, 1).padEnd(22),
    formatSpread(f.cpuMs, 0).padEnd(17),
    formatSpread(f.hostCpuMs, 0).padEnd(17),
    f.statuses.join(" "),
  ].join(" ");
