// `npm run bench:smoke-runs`: `npm test`'s smoke run SMOKE_RUNS times (default 10) on the same
// code, to measure how often the regression guard fails a tree nobody changed (the goal: never).
// Writes bench-results/smoke-runs.json, which is committed and quoted in BENCHMARKS.md.
import { execSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { SMOKE_RUNS_FILE, type SmokeRuns } from "./lib/smoke-runs-file.ts";

const count = Number(process.env.SMOKE_RUNS ?? 10);
const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
const dirty = execSync("git status --porcelain -- src bench wrangler.toml", { encoding: "utf8" });
const runs: SmokeRuns["runs"] = [];
for (let i = 0; i < count; i++) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ["bench/run.ts"], {
    env: { ...process.env, BENCH_SMOKE: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith('{"ratio"'));
  const last = line ? (JSON.parse(line) as { guard?: SmokeRuns["runs"][number]["guard"] }) : {};
  const failure = run.stderr.split("\n").find((l) => l.startsWith("Benchmark checks failed"));
  runs.push({
    passed: run.status === 0,
    guard: last.guard ?? null,
    failure: run.status === 0 ? null : (failure ?? `exit ${run.status}`),
    seconds: Math.round((Date.now() - started) / 1000),
  });
  const r = runs[runs.length - 1] as SmokeRuns["runs"][number];
  console.log(
    `run ${i + 1}: ${r.passed ? "passed" : `FAILED (${r.failure})`}, guard ${r.guard?.figure.toFixed(3) ?? "?"} (limit ${r.guard?.limit?.toFixed(3) ?? "?"}), ${r.seconds} s`,
  );
}
const result: SmokeRuns = {
  date: new Date().toISOString().slice(0, 10),
  commit: dirty ? `${commit} with local changes` : commit,
  runs,
  failures: runs.filter((r) => !r.passed).length,
};
writeFileSync(SMOKE_RUNS_FILE, `${JSON.stringify(result, null, 2)}\n`);
console.log(`${result.failures} of ${count} smoke runs failed; wrote ${SMOKE_RUNS_FILE}`);
