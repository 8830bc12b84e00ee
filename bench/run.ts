// `npm run bench`: the redirect and the postback against a bare-302 Worker, in one run.
// BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_RATE, BENCH_ROUNDS override the
// defaults; BENCH_SMOKE=1 is the short run `npm test` makes to keep this harness working (it
// checks, and writes nothing); with BENCH_GUARD_ONLY=1 as well, it stops after the regression
// guard's measure and prints its figures (what `npm run bench:baseline` runs).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { markdown } from "./lib/benchmarks-md.ts";
import { lossCheck, raceCheck } from "./lib/checks.ts";
import { coldRoundsSetting, coldStart } from "./lib/cold-report.ts";
import { costPass } from "./lib/cost-pass.ts";
import { hookedLatency } from "./lib/delivery-latency.ts";
import { CLICK_FLOOR, perMillion, queueOperationsPerClick } from "./lib/list-prices.ts";
import { againstBare, type Settings, scenario, type VersusBare } from "./lib/measure.ts";
import {
  figuresOf,
  GUARD_FIGURES,
  guardFailure,
  guardLimit,
  readBaseline,
} from "./lib/regression-guard.ts";
import { type Report, table } from "./lib/run-report.ts";
import { GUARD_SETTINGS, settings } from "./lib/run-settings.ts";
import { addEndpoints, BOT_UA, HUMAN_UA, seed } from "./lib/seed-data.ts";
import { build, buildNoSink, migrate, serveBare, serveTracker } from "./lib/servers.ts";
import { failedScenarios, type Measured, performanceTargets, summary } from "./lib/targets.ts";

const smoke = process.env.BENCH_SMOKE === "1";
const s: Settings = settings(smoke);
const out = "bench-results";
mkdirSync(out, { recursive: true });

console.log(`Building and serving (${s.seconds} s per scenario, ${s.connections} connections)…`);
// The bare 302, the tracker and the no-sink build are profiled (isolate-cpu.ts): each figure also
// has the CPU of the Worker's own isolate, without the simulators beside it.
const bare = await serveBare(out, true);
const trackerScript = build(`${out}/build`);
const tracker = await serveTracker(trackerScript, {}, true);
await migrate(tracker);
const fixtures = await seed(tracker, smoke ? 5_000 : 150_000);
const human = { "User-Agent": HUMAN_UA };
const on = (served: typeof tracker, path: string, headers = human) => ({
  url: `${served.url}${path}`,
  pid: served.pid,
  headers,
  profiler: served.profiler,
});

// The same Worker with a click sink that does nothing: the Worker's own work per click.
const noSink = await serveTracker(buildNoSink(`${out}/no-sink`), {}, true);
await migrate(noSink);
const noSinkFixtures = await seed(noSink, 1);

const splitOf = ({ result, ...versus }: VersusBare) => ({
  ...versus,
  cpuMsPerRequest: result.cpuMsPerRequest,
});

const scenarios: Report["scenarios"] = {};
const compared = await againstBare(
  on(bare, "/"),
  {
    tracked: on(tracker, `/c/${fixtures.clickLink}`),
    noSink: on(noSink, `/c/${noSinkFixtures.clickLink}`),
  },
  // The smoke run measures the split longer than its other scenarios: the guard needs it steady.
  smoke ? GUARD_SETTINGS : s,
);
const baseline = readBaseline();
const guardName = baseline?.figure ?? "isolateCpu";
const guard = { figure: GUARD_FIGURES[guardName].of(compared), baseline };
const guardFailed = guardFailure(guard.figure, guard.baseline);
if (process.env.BENCH_GUARD_ONLY === "1") {
  // `npm run bench:baseline`: the guard's candidates as this run measured them, and no more.
  console.log(JSON.stringify({ guardFigures: figuresOf(compared) }));
  await Promise.all([bare.mf.dispose(), tracker.mf.dispose(), noSink.mf.dispose()]);
  process.exit(0);
}
await noSink.mf.dispose();
scenarios["bare 302"] = { ...compared.bare, note: "a Worker that only answers a fixed 302" };
scenarios["tracked redirect"] = {
  ...compared.tracked.result,
  note: "human click: aecid made, click stored after the answer",
};
scenarios["tracked, no sink"] = {
  ...compared.noSink.result,
  note: "the same Worker, its click sink a no-op (bench build only): the Worker's own work",
};
const loss = await lossCheck(tracker, fixtures.lossLink, smoke ? 500 : 20_000, s);

// The same redirect with CLICK_WRITE_MODE = "direct" (one statement per click), for comparison.
const direct = await serveTracker(trackerScript, { bindings: { CLICK_WRITE_MODE: "direct" } });
await migrate(direct);
const directFixtures = await seed(direct, 1);
scenarios["tracked, direct writes"] = {
  ...(await scenario(on(direct, `/c/${directFixtures.clickLink}`), s)),
  note: "the same, with one D1 statement per click (CLICK_WRITE_MODE=direct)",
};
await direct.mf.dispose();

scenarios["bot hit"] = {
  ...(await scenario(on(tracker, `/c/${fixtures.botLink}`, { "User-Agent": BOT_UA }), s)),
  note: "crawler: redirect without aecid, counted",
};
scenarios.impression = {
  ...(await scenario(on(tracker, `/i/${fixtures.clickLink}`), s)),
  note: "1×1 GIF, impression counted",
};

/** New postbacks, each on its own stored click, from `from` on. */
const newPostbacks = (prefix: string, from: number) => {
  let next = from;
  return {
    url: `${tracker.url}/`,
    pid: tracker.pid,
    profiler: tracker.profiler,
    nextPath: () => {
      const i = next++;
      const cid = fixtures.postbackClicks[i % fixtures.postbackClicks.length];
      return `/?key=${fixtures.key}&id=${prefix}-${i}&amount=49.90&currency=EUR&cids=${cid}`;
    },
  };
};
const fresh = await scenario(newPostbacks("bench", 0), s);
scenarios["postback, new"] = {
  ...fresh,
  note: "a new conversion per request, each on its own click",
};
// The same with two outbound endpoints: the postback only enqueues its event, after the answer.
const endpointIds = await addEndpoints(tracker, fixtures.programId);
const withEndpoints = await scenario(newPostbacks("hooked", fixtures.postbackClicks.length / 2), s);
scenarios["postback, new, 2 endpoints"] = {
  ...withEndpoints,
  note: "the same with a partner postback (GET) and a webhook (POST) to deliver",
};
const hooked = await hookedLatency(
  tracker,
  fixtures,
  endpointIds,
  s,
  (fixtures.postbackClicks.length * 3) / 4,
);
const replayPath = `/?key=${fixtures.key}&id=bench-0&amount=49.90&currency=EUR&cids=${fixtures.postbackClicks[0]}`;
scenarios["postback, replay"] = {
  ...(await scenario(
    { url: `${tracker.url}${replayPath}`, pid: tracker.pid, profiler: tracker.profiler },
    s,
  )),
  note: "the same postback again: 200 duplicate",
};

const raceClick = fixtures.postbackClicks[fixtures.postbackClicks.length - 1] as string;
const race = await raceCheck(tracker, fixtures.key, raceClick, smoke ? 100 : 1000);
const { statementCost, rows, pipeline, flood, shards } = await costPass(
  build(`${out}/metered`, "bench/worker/metered.ts"),
  s,
  smoke,
);
await Promise.all([bare.mf.dispose(), tracker.mf.dispose()]);

// The cold start (bench/lib/cold-start.ts): fresh runtimes one at a time, so after every other
// server is gone; not in the smoke run (bench:cold keeps it working on its own).
const cold = smoke
  ? undefined
  : await coldStart(trackerScript, coldRoundsSetting(), "npm run bench (cold start)");

const measured: Measured = {
  ratio: compared.tracked.ratio,
  addedP99: compared.tracked.addedP99,
  noSinkRatio: compared.noSink.ratio,
  noSinkAddedP99: compared.noSink.addedP99,
  rowsPerClick: rows.perClick.written,
  rowsPerConversion: rows.perConversion.written,
  clicksLost: loss.clicksLost,
  race,
  floodQueriesPerRequest: flood.d1QueriesPerRequest,
  postbackP50Ratio: hooked.ratio,
  shardGain: shards.three.clicksPerSecond / shards.one.clicksPerSecond,
  clickBytes: loss.clickBytes,
};
const report: Report = {
  date: new Date().toISOString().replace("T", " ").slice(0, 16),
  command: smoke ? "BENCH_SMOKE=1 npm run bench" : "npm run bench",
  settings: s,
  scenarios,
  rows,
  pipeline,
  flood,
  hooked,
  split: {
    bareCpuMsPerRequest: compared.bare.cpuMsPerRequest,
    bareIsolateCpuMs: compared.bare.isolateCpuMs ?? Number.NaN,
    tracked: { ...splitOf(compared.tracked) },
    noSink: { ...splitOf(compared.noSink) },
    guard: {
      name: guardName,
      figure: guard.figure,
      baseline: baseline?.value ?? null,
      limit: baseline ? guardLimit(baseline) : null,
    },
  },
  shards,
  statementCost: { ...statementCost, clickBytes: loss.clickBytes },
  checks: {
    redirectsWithAecid: loss.redirectsWithAecid,
    clickRows: loss.clickRows,
    clicksLost: loss.clicksLost,
    race,
  },
  costs: {
    perMillionClicks: perMillion({
      workerCpuMs: compared.tracked.result.cpuMsPerRequest,
      d1RowsWritten: rows.perClick.written,
      d1RowsRead: rows.perClick.read,
      doRequests: 0,
      doSeconds: 0,
      queueOperations: queueOperationsPerClick(pipeline),
    }),
    perMillionConversions: perMillion({
      workerCpuMs: fresh.cpuMsPerRequest,
      d1RowsWritten: rows.perConversion.written,
      d1RowsRead: rows.perConversion.read,
      doRequests: 2,
      doSeconds: (2 * fresh.p50) / 1000,
      queueOperations: 0,
    }),
    clickFloor: CLICK_FLOOR,
  },
  goals: performanceTargets(measured),
  ...(cold ? { cold } : {}),
};

console.log(`\n${table(report)}\n`);
console.log(`deliveries: ${JSON.stringify(hooked.deliveries)}`);
const failures = failedScenarios(report);
const deliveredOnce =
  hooked.deliveries.without === 0 &&
  hooked.deliveries.with === hooked.deliveries.conversionsWith * endpointIds.length;
console.log(
  `regression guard: ${GUARD_FIGURES[guardName].label} ${guard.figure.toFixed(3)} (baseline ${baseline?.value.toFixed(3) ?? "none"}, limit ${baseline ? guardLimit(baseline).toFixed(3) : "none"}): ${guardFailed ?? "within the margin"}`,
);
const correct =
  loss.clicksLost === 0 &&
  race.registered === 1 &&
  deliveredOnce &&
  failures.length === 0 &&
  // The guard holds `npm test` (the smoke run); a full run reports it and writes BENCHMARKS.md.
  (!smoke || guardFailed === null);
if (!smoke) {
  const workerd = JSON.parse(readFileSync("node_modules/workerd/package.json", "utf8"))
    .version as string;
  writeFileSync(`${out}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync("BENCHMARKS.md", markdown(report, workerd));
  console.log("Wrote BENCHMARKS.md and bench-results/latest.json");
}
console.log(JSON.stringify({ ...summary(report, measured, correct), guard: report.split.guard }));
if (!correct) {
  console.error(
    `Benchmark checks failed: ${[...failures, guardFailed].filter(Boolean).join(", ") || "lost clicks, race or deliveries"}`,
  );
  process.exit(1);
}
process.exit(0);
