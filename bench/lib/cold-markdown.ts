// BENCHMARKS.md's "Cold start" section: this run's cold starts, and the committed figures from
// before the bundle split (bench-results/cold-before.json) beside them.
import {
  BARE,
  BEFORE_REDIRECT,
  BOUND,
  type ColdFigure,
  coldGoal,
  OPENAPI,
  POSTBACK,
  REDIRECT,
} from "./cold-figures.ts";
import { readColdBefore } from "./cold-report.ts";
import type { ColdReport } from "./cold-start.ts";
import { formatSpread } from "./spread.ts";

const REDIRECT_BUDGET = { bytes: 150 * 1024, gzipBytes: 50 * 1024 };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (f: ColdFigure["totalMs"]) => formatSpread(f, 1);

const ratio = (f: ColdFigure["vsBare"]) => formatSpread(f, 2);

const row = (name: string, f: ColdFigure) =>
  `| ${name} | ${ms(f.spawnMs)} | ${ms(f.startMs)} | ${ms(f.firstMs)} | ${ms(f.totalMs)} | ${ms(f.fromSpawnMs)} | ${ratio(f.vsBare)} | ${ratio(f.vsBound)} | ${ratio(f.fromSpawnVsBare)} | ${ratio(f.fromSpawnVsBound)} | ${ms(f.fromSpawnAddedMs)} | ${formatSpread(f.cpuMs, 0)} | ${formatSpread(f.hostCpuMs, 0)} | ${f.statuses.join(" ")} |`;

/** A path's figure from workerd's spawn, and from Miniflare's start, for the prose. */
const bothWays = (f: ColdFigure | undefined) =>
  f
    ? `${ratio(f.fromSpawnVsBound)} from workerd's spawn (${ratio(f.vsBound)} from Miniflare's start)`
    : "n/a";

const rowsOf = (figures: Record<string, ColdFigure>, names: string[]) =>
  names.flatMap((n) => (figures[n] ? [row(n, figures[n])] : [])).join("\n");

const NOT_MEASURED =
  "| (not measured in this run: `npm run bench` measures it, the smoke run does not) |";

export function coldValues(cold: ColdReport | undefined): Record<string, string | number> {
  const before = readColdBefore();
  const redirect = cold?.figures[REDIRECT];
  const goal = redirect && coldGoal(redirect);
  const evaluated = cold?.bytes.redirectEvaluates;
  const bytesMet =
    evaluated &&
    evaluated.bytes <= REDIRECT_BUDGET.bytes &&
    evaluated.gzipBytes <= REDIRECT_BUDGET.gzipBytes;
  return {
    cold_rounds: cold?.rounds ?? "no",
    cold_rows: cold
      ? rowsOf(cold.figures, [BARE, BOUND, REDIRECT, POSTBACK, OPENAPI])
      : NOT_MEASURED,
    cold_before_rows: before
      ? rowsOf(before.figures, [BARE, BOUND, BEFORE_REDIRECT, REDIRECT])
      : "| (no bench-results/cold-before.json) |",
    cold_before_command: before?.command ?? "none",
    cold_before_date: before?.date ?? "never",
    cold_before_commit: before?.commit ?? "none",
    cold_bytes_before: before
      ? `${kb(before.bytes.bytes)} (${kb(before.bytes.gzipBytes)} gzipped), the whole bundle`
      : "n/a",
    cold_bytes_after: evaluated
      ? `${kb(evaluated.bytes)} (${kb(evaluated.gzipBytes)} gzipped) of a ${kb(cold.bytes.bundle.bytes)} bundle`
      : "n/a",
    cold_bytes_met: evaluated ? (bytesMet ? "met" : "**not met**") : "n/a",
    cold_goal_ratio: goal ? ratio(goal.ratio) : "n/a",
    cold_goal_from_start: redirect ? ratio(redirect.vsBound) : "n/a",
    cold_postback_both: bothWays(cold?.figures[POSTBACK]),
    cold_openapi_both: bothWays(cold?.figures[OPENAPI]),
    cold_before_redirect_both: bothWays(before?.figures[BEFORE_REDIRECT]),
    cold_before_after_both: bothWays(before?.figures[REDIRECT]),
    cold_spawn_ms:
      redirect && cold.figures[BOUND]
        ? `${ms(redirect.spawnMs)} ms (the bare Worker with the same bindings: ${ms(cold.figures[BOUND].spawnMs)} ms)`
        : "n/a",
    cold_goal_met: goal
      ? `${goal.met ? "met" : "**not met**"}${goal.certain ? "" : " (its range straddles 1.5)"}`
      : "n/a",
    cold_added_ms: redirect ? ms(redirect.fromSpawnAddedMs) : "n/a",
  };
}
