// `npm run bench:baseline`: measures every candidate figure of the regression guard
// (bench/lib/regression-guard.ts) BASELINE_RUNS times, each in a smoke run of its own stopped after
// the guard's measure (BENCH_SMOKE=1 BENCH_GUARD_ONLY=1: the same build, seed and order as
// `npm test`'s), and prints how far each moves between runs of the same code. The steadiest becomes
// the guard's figure, its median the baseline and its farthest run the margin's measure; all of it
// goes to bench-results/baseline.json, which is committed (BENCHMARKS.md quotes it). Run it after a
// change that makes the redirect cheaper or dearer on purpose, then `npm run bench:smoke-runs`.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import {
  BASELINE_FILE,
  type Baseline,
  chooseGuard,
  GUARD_FIGURE_NAMES,
  GUARD_FIGURES,
  type GuardFigure,
} from "./lib/regression-guard.ts";
import { formatSpread, spreadOf } from "./lib/spread.ts";

const count = Number(process.env.BASELINE_RUNS ?? 10);
const runs = Object.fromEntries(GUARD_FIGURE_NAMES.map((f) => [f, [] as number[]])) as Record<
  GuardFigure,
  number[]
>;
for (let i = 0; i < count; i++) {
  const run = spawnSync(process.execPath, ["bench/run.ts"], {
    env: { ...process.env, BENCH_SMOKE: "1", BENCH_GUARD_ONLY: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith('{"guardFigures"'));
  if (run.status !== 0 || !line) throw new Error(`run ${i + 1} failed: ${run.stderr.slice(-2000)}`);
  const figures = (JSON.parse(line) as { guardFigures: Record<GuardFigure, number> }).guardFigures;
  for (const f of GUARD_FIGURE_NAMES) runs[f].push(figures[f]);
  console.log(
    `run ${i + 1}: ${GUARD_FIGURE_NAMES.map((f) => `${f} ${figures[f].toFixed(3)}`).join(", ")}`,
  );
}
const chosen = chooseGuard(runs);
for (const f of GUARD_FIGURE_NAMES) {
  console.log(
    `${GUARD_FIGURES[f].label}: ${formatSpread(spreadOf(runs[f]))}, farthest run ${(chosen.spread[f] * 100).toFixed(1)} % from the median${f === chosen.figure ? "  ← the guard's figure" : ""}`,
  );
}
console.log(
  `guard: ${chosen.figure} ≤ ${chosen.value.toFixed(3)} + ${Math.round(chosen.margin * 100)} %`,
);
const baseline: Baseline = {
  ...chosen,
  runs,
  date: new Date().toISOString().slice(0, 10),
  command: `BASELINE_RUNS=${count} npm run bench:baseline`,
};
writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
console.log(`Wrote ${BASELINE_FILE}`);
