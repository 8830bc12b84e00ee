// `npm run bench:baseline`: measures the regression guard's figure (bench/lib/regression-guard.ts) BASELINE_RUNS
// times with the settings the smoke run measures it with, prints each run and the spread (the noise the guard's
// margin must exceed), and writes the median to bench-results/baseline.json, which is committed.
// Run it after a change that makes the redirect cheaper or dearer on purpose.
import { writeFileSync } from "node:fs";
import { median } from "./lib/measure.ts";
import { servedSplit } from "./lib/redirect-split.ts";
import { BASELINE_FILE, type Baseline, cpuPerBare, GUARD_MARGIN } from "./lib/regression-guard.ts";
import { GUARD_SETTINGS } from "./lib/run-settings.ts";

const count = Number(process.env.BASELINE_RUNS ?? 7);
const split = await servedSplit("bench-results");
const runs: number[] = [];
for (let i = 0; i < count; i++) {
  const figure = cpuPerBare(await split.measure(GUARD_SETTINGS));
  runs.push(figure);
  console.log(`run ${i + 1}: no-sink CPU per request = ${figure.toFixed(3)} × the bare 302's`);
}
await split.dispose();
const mid = median(runs);
const worst = Math.max(...runs.map((r) => Math.abs(r / mid - 1)));
console.log(
  `median ${mid.toFixed(3)}, runs ${Math.min(...runs).toFixed(3)}–${Math.max(...runs).toFixed(3)}: the farthest run is ${(worst * 100).toFixed(1)} % from the median (guard margin ${GUARD_MARGIN * 100} %)`,
);
const baseline: Baseline = {
  noSinkCpuPerBare: mid,
  runs,
  date: new Date().toISOString().slice(0, 10),
  command: "npm run bench:baseline",
};
writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
console.log(`Wrote ${BASELINE_FILE}`);
process.exit(0);
