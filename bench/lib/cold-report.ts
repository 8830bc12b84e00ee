// The cold-start measure as one call (for bench:cold and npm run bench), and the committed
// figures from before the bundle split, so a full run shows before and after without rebuilding
// the old tree every time.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { BEFORE_REDIRECT, type ColdFigure, type ColdRound, coldFigures } from "./cold-figures.ts";
import {
  type Bytes,
  bundleBytes,
  bundleSize,
  type ColdReport,
  coldRounds,
  coldTargets,
  preparedState,
} from "./cold-start.ts";

export const COLD_BEFORE_FILE = "bench-results/cold-before.json";

/** BENCH_COLD_ROUNDS, default 7 (issue 23: every figure over at least seven rounds). */
export const coldRoundsSetting = () => Number(process.env.BENCH_COLD_ROUNDS ?? 7);

/** Seeds once, then `rounds` interleaved rounds of cold starts; `before`: an old bundle too. */
export async function coldStart(
  script: string,
  rounds: number,
  command: string,
  before?: string,
): Promise<ColdReport & { samples: ColdRound[] }> {
  const state = await preparedState(script, rounds);
  const samples = await coldRounds(coldTargets(script, state, before), rounds);
  return {
    command,
    date: new Date().toISOString().replace("T", " ").slice(0, 16),
    rounds,
    figures: coldFigures(samples),
    bytes: bundleSize(),
    samples,
  };
}

/** What bench-results/cold-before.json holds: a run with the old bundle beside the new one. */
export interface ColdBefore {
  command: string;
  date: string;
  /** The commit the old bundle was built from. */
  commit: string;
  rounds: number;
  /** The old bundle's bytes: all of it was evaluated before its first redirect. */
  bytes: Bytes;
  /** Every Worker of that run, the old redirect under BEFORE_REDIRECT. */
  figures: Record<string, ColdFigure>;
  /** Every round's samples, so the figures can be derived again if their math changes. */
  samples: ColdRound[];
}

export function writeColdBefore(
  report: ColdReport & { samples: ColdRound[] },
  before: string,
  commit: string,
) {
  const file: ColdBefore = {
    command: report.command,
    date: report.date,
    commit,
    rounds: report.rounds,
    bytes: bundleBytes(before),
    figures: report.figures,
    samples: report.samples,
  };
  writeFileSync(COLD_BEFORE_FILE, `${JSON.stringify(file, null, 2)}\n`);
}

export function readColdBefore(): ColdBefore | null {
  if (!existsSync(COLD_BEFORE_FILE)) return null;
  const file = JSON.parse(readFileSync(COLD_BEFORE_FILE, "utf8")) as ColdBefore;
  return file.figures[BEFORE_REDIRECT] ? file : null;
}
