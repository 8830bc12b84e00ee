// The regression guard on the Worker's own work per click. `npm test`'s smoke run measures the
// no-sink build's CPU per request and fails when it exceeds the committed baseline by more than
// GUARD_MARGIN. The figure is taken relative to the bare 302's CPU per request in the same run:
// absolute CPU milliseconds follow the machine (a CI runner is not this one), while the bare 302,
// served the same way on the same runtime, moves with it.
import { existsSync, readFileSync } from "node:fs";
import type { LoadResult } from "./load.ts";
import type { VersusBare } from "./measure.ts";

export const BASELINE_FILE = "bench-results/baseline.json";
/**
 * From the smoke run's own noise. Six smoke runs of the same redirect code on this machine read
 * 0.927 to 1.480 (up to +32 % of the baseline), so 25 % failed unchanged code; 60 % is about twice
 * the farthest run. A steadier figure is issue 23's work (BENCHMARKS.md).
 */
export const GUARD_MARGIN = 0.6;

export interface Baseline {
  /** The no-sink build's CPU per request ÷ the bare 302's, median of `runs`. */
  noSinkCpuPerBare: number;
  runs: number[];
  date: string;
  command: string;
}

export const cpuPerBare = (split: { bare: LoadResult; noSink: VersusBare }) =>
  split.noSink.result.cpuMsPerRequest / split.bare.cpuMsPerRequest;

export function readBaseline(): Baseline | null {
  return existsSync(BASELINE_FILE)
    ? (JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as Baseline)
    : null;
}

/** null when within the margin, else why not. */
export function guardFailure(figure: number, baseline: Baseline | null): string | null {
  if (!baseline) return `no ${BASELINE_FILE}: run npm run bench:baseline`;
  const limit = baseline.noSinkCpuPerBare * (1 + GUARD_MARGIN);
  if (figure <= limit) return null;
  return `no-sink CPU per request is ${figure.toFixed(3)}× the bare 302's, over the limit ${limit.toFixed(3)} (baseline ${baseline.noSinkCpuPerBare.toFixed(3)} + ${GUARD_MARGIN * 100} %)`;
}
