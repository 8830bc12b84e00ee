// What `npm run bench:smoke-runs` records: each smoke run's verdict and its guard figure.
import { existsSync, readFileSync } from "node:fs";

export const SMOKE_RUNS_FILE = "bench-results/smoke-runs.json";

export interface SmokeRuns {
  date: string;
  commit: string;
  runs: {
    passed: boolean;
    guard: { name: string; figure: number; baseline: number | null; limit: number | null } | null;
    failure: string | null;
    seconds: number;
  }[];
  failures: number;
}

export const readSmokeRuns = (): SmokeRuns | null =>
  existsSync(SMOKE_RUNS_FILE)
    ? (JSON.parse(readFileSync(SMOKE_RUNS_FILE, "utf8")) as SmokeRuns)
    : null;
