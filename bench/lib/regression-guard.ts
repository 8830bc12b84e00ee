// The regression guard on the Worker's own work per click. `npm test`'s smoke run measures the
// no-sink build against the bare 302 and fails when the guard's figure exceeds the committed
// baseline by more than its margin. Every candidate is a ratio to the bare 302 measured in the
// same rounds: absolute figures follow the machine (a CI runner is not this one), while the bare
// 302, served the same way on the same runtime, moves with it.
//
// Which candidate, and how wide the margin, are not chosen by hand: `npm run bench:baseline`
// measures every candidate over several runs of the same code, keeps the steadiest, and sets the
// margin from its farthest run (chooseGuard).
import { existsSync, readFileSync } from "node:fs";
import type { LoadResult } from "./load.ts";
import type { VersusBare } from "./measure.ts";
import { relativeSpread, spreadOf } from "./spread.ts";

export const BASELINE_FILE = "bench-results/baseline.json";

type Split = { bare: LoadResult; noSink: VersusBare };

/** The candidates, each oriented so that more means the Worker does more work per click. */
export const GUARD_FIGURES = {
  isolateCpu: {
    label: "no-sink isolate CPU per request ÷ the bare 302's",
    of: (split: Split) => split.noSink.spread.isolateCpu.median,
  },
  processCpu: {
    label: "no-sink process CPU per request ÷ the bare 302's",
    of: (split: Split) => split.noSink.spread.processCpu.median,
  },
  throughput: {
    label: "the bare 302's throughput ÷ the no-sink build's",
    of: (split: Split) => 1 / split.noSink.spread.throughput.median,
  },
} as const;

export type GuardFigure = keyof typeof GUARD_FIGURES;
export const GUARD_FIGURE_NAMES = Object.keys(GUARD_FIGURES) as GuardFigure[];

/** The margin is this many times the farthest baseline run from the median, and at least MIN. */
export const MARGIN_PER_SPREAD = 2.5;
export const MIN_MARGIN = 0.1;

export interface Baseline {
  figure: GuardFigure;
  /** The chosen figure's median over the runs. */
  value: number;
  margin: number;
  /** Every candidate's value run by run, and its farthest run from the median (0.05: 5 %). */
  runs: Record<GuardFigure, number[]>;
  spread: Record<GuardFigure, number>;
  date: string;
  command: string;
}

export const figuresOf = (split: Split) =>
  Object.fromEntries(GUARD_FIGURE_NAMES.map((f) => [f, GUARD_FIGURES[f].of(split)])) as Record<
    GuardFigure,
    number
  >;

/** The steadiest candidate over `runs` (finite ones only), its median and its margin. */
export function chooseGuard(
  runs: Record<GuardFigure, number[]>,
): Pick<Baseline, "figure" | "value" | "margin" | "spread"> {
  const spread = Object.fromEntries(
    GUARD_FIGURE_NAMES.map((f) => {
      const values = runs[f].filter(Number.isFinite);
      return [f, values.length ? relativeSpread(spreadOf(values)) : Number.POSITIVE_INFINITY];
    }),
  ) as Record<GuardFigure, number>;
  const figure = GUARD_FIGURE_NAMES.reduce((a, b) => (spread[b] < spread[a] ? b : a));
  // Rounded up to whole percents, so the committed margin reads as what it is.
  const margin = Math.max(MIN_MARGIN, Math.ceil(MARGIN_PER_SPREAD * spread[figure] * 100) / 100);
  return { figure, value: spreadOf(runs[figure]).median, margin, spread };
}

export function readBaseline(): Baseline | null {
  if (!existsSync(BASELINE_FILE)) return null;
  const read = JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as Partial<Baseline>;
  // A baseline from before the guard chose its figure has no `figure`: measure it again.
  return read.figure && read.figure in GUARD_FIGURES ? (read as Baseline) : null;
}

export const guardLimit = (baseline: Baseline) => baseline.value * (1 + baseline.margin);

/** null when within the margin, else why not. */
export function guardFailure(figure: number, baseline: Baseline | null): string | null {
  if (!baseline) return `no ${BASELINE_FILE} of this version: run npm run bench:baseline`;
  const limit = guardLimit(baseline);
  if (figure <= limit) return null;
  return `${GUARD_FIGURES[baseline.figure].label} is ${figure.toFixed(3)}, over the limit ${limit.toFixed(3)} (baseline ${baseline.value.toFixed(3)} + ${Math.round(baseline.margin * 100)} %)`;
}
