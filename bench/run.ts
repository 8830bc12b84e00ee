// `npm run bench`: the redirect and the postback against a bare-302 Worker, in one run.
// BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS override the defaults; BENCH_SMOKE=1 is
// the short run `npm test` makes to keep this harness working (it checks, and writes nothing).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { CLICK_FLOOR, perMillion } from "./cost.ts";
import { BOT_UA, count, HUMAN_UA, seed, settledCount } from "./fixtures.ts";
import { type LoadOptions, type LoadResult, load } from "./load.ts";
import { type Goal, markdown, type Report, table } from "./report.ts";
import { measureRows } from "./rows.ts";
import { build, migrate, serveBare, serveTracker } from "./servers.ts";

const smoke = process.env.BENCH_SMOKE === "1";
const seconds = Number(process.env.BENCH_SECONDS ?? (smoke ? 1 : 10));
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? (smoke ? 0.5 : 3));
const connections = Number(process.env.BENCH_CONNECTIONS ?? (smoke ? 4 : 10));
const raceSize = smoke ? 100 : 1000;
const out = "bench-results";
mkdirSync(out, { recursive: true });

console.log(`Building and serving (${seconds} s per scenario, ${connections} connections)…`);
const bare = await serveBare(out);
const trackerScript = build(`${out}/build`);
const tracker = await serveTracker(trackerScript);
await migrate(tracker);
const fixtures = await seed(tracker, smoke ? 5_000 : 150_000);

const rate = Number(process.env.BENCH_RATE ?? (smoke ? 100 : 200));
const rounds = Number(process.env.BENCH_ROUNDS ?? (smoke ? 1 : 3));
type Target = Omit<LoadOptions, "seconds" | "connections">;

/**
 * One scenario: throughput with every connection busy (closed loop), then latency over one
 * connection at a capped rate, so p50/p99 show what a request costs, with no queue in front of it.
 */
async function measure(target: Target): Promise<LoadResult> {
  const throughput = await load({ ...target, seconds, connections });
  const latency = await load({ ...target, seconds, connections: 1, rate });
  return { ...throughput, p50: latency.p50, p99: latency.p99 };
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const redirects = (r: LoadResult) => r.statuses["302"] ?? 0;

const scenarios: Report["scenarios"] = {};
const human = { "User-Agent": HUMAN_UA };
const bareTarget: Target = { url: `${bare.url}/`, pid: bare.pid, headers: human };
const trackedTarget: Target = {
  url: `${tracker.url}/c/${fixtures.clickLink}`,
  pid: tracker.pid,
  headers: human,
};

// The machine is shared and noisy: bare and tracked alternate over several rounds, and each
// figure is the median of its rounds (the ratio and the added p99 are taken round by round).
await load({ ...bareTarget, seconds: warmupSeconds, connections });
await load({ ...trackedTarget, seconds: warmupSeconds, connections });
const pairs: { bare: LoadResult; tracked: LoadResult }[] = [];
for (let round = 0; round < rounds; round++) {
  pairs.push({ bare: await measure(bareTarget), tracked: await measure(trackedTarget) });
}
const medianOf = (pick: (r: LoadResult) => number, side: "bare" | "tracked") =>
  median(pairs.map((p) => pick(p[side])));
const combine = (side: "bare" | "tracked"): LoadResult => {
  const last = pairs[pairs.length - 1]?.[side] as LoadResult;
  return {
    ...last,
    rps: medianOf((r) => r.rps, side),
    p50: medianOf((r) => r.p50, side),
    p99: medianOf((r) => r.p99, side),
    cpuMsPerRequest: medianOf((r) => r.cpuMsPerRequest, side),
  };
};
scenarios["bare 302"] = { ...combine("bare"), note: "a Worker that only answers a fixed 302" };
scenarios["tracked redirect"] = {
  ...combine("tracked"),
  note: "human click: aecid made, click stored after the answer",
};
const ratio = median(pairs.map((p) => p.tracked.rps / p.bare.rps));
const addedP99 = median(pairs.map((p) => p.tracked.p99 - p.bare.p99));

// No loss under load: a fixed number of clicks at full concurrency, every answer received, then
// the rows counted once the after-response writes have landed.
const sample = await fetch(`${tracker.url}/c/${fixtures.lossLink}`, {
  headers: human,
  redirect: "manual",
});
const sampleCarries = new URL(sample.headers.get("Location") ?? "http://x/").searchParams.has(
  "aecid",
);
const lossRun = await load({
  url: `${tracker.url}/c/${fixtures.lossLink}`,
  seconds,
  amount: smoke ? 500 : 20_000,
  connections,
  pid: tracker.pid,
  headers: human,
});
const redirectsWithAecid = sampleCarries ? 1 + redirects(lossRun) : 0;
const clickRows = await settledCount(
  tracker,
  "SELECT count(*) AS n FROM clicks WHERE link_id = ?1",
  fixtures.lossLink,
);
// The payload of a stored click (sum of its columns' lengths), for the storage limit in docs/scale.md.
const clickBytes = await count(
  tracker,
  `SELECT avg(length(id) + length(link_id) + length(program_id) + length(partner_id) + 8
     + coalesce(length(sub1), 0) + coalesce(length(sub2), 0) + coalesce(length(sub3), 0)
     + coalesce(length(sub4), 0) + coalesce(length(sub5), 0) + coalesce(length(country), 0)
     + coalesce(length(ip_hash), 0) + coalesce(length(user_agent), 0) + coalesce(length(referer_host), 0)) AS n
   FROM clicks WHERE link_id = ?1`,
  fixtures.lossLink,
);

async function scenario(target: Target): Promise<LoadResult> {
  await load({ ...target, seconds: warmupSeconds, connections });
  return measure(target);
}

// The same redirect with CLICK_WRITE_MODE = "direct" (one statement per click), for comparison.
const direct = await serveTracker(trackerScript, { bindings: { CLICK_WRITE_MODE: "direct" } });
await migrate(direct);
const directFixtures = await seed(direct, 1);
scenarios["tracked, direct writes"] = {
  ...(await scenario({
    url: `${direct.url}/c/${directFixtures.clickLink}`,
    pid: direct.pid,
    headers: human,
  })),
  note: "the same, with one D1 statement per click (CLICK_WRITE_MODE=direct)",
};
await direct.mf.dispose();

scenarios["bot hit"] = {
  ...(await scenario({
    url: `${tracker.url}/c/${fixtures.botLink}`,
    pid: tracker.pid,
    headers: { "User-Agent": BOT_UA },
  })),
  note: "crawler: redirect without aecid, counted",
};
scenarios.impression = {
  ...(await scenario({
    url: `${tracker.url}/i/${fixtures.clickLink}`,
    pid: tracker.pid,
    headers: human,
  })),
  note: "1×1 GIF, impression counted",
};

let next = 0;
const fresh = await scenario({
  url: `${tracker.url}/`,
  pid: tracker.pid,
  nextPath: () => {
    const i = next++;
    const cid = fixtures.postbackClicks[i % fixtures.postbackClicks.length];
    return `/?key=${fixtures.key}&id=bench-${i}&amount=49.90&currency=EUR&cids=${cid}`;
  },
});
scenarios["postback, new"] = {
  ...fresh,
  note: "a new conversion per request, each on its own click",
};

const replayPath = `/?key=${fixtures.key}&id=bench-0&amount=49.90&currency=EUR&cids=${fixtures.postbackClicks[0]}`;
const replay = await scenario({ url: `${tracker.url}${replayPath}`, pid: tracker.pid });
scenarios["postback, replay"] = {
  ...replay,
  note: "the same postback again: 200 duplicate",
};

const raceClick = fixtures.postbackClicks[fixtures.postbackClicks.length - 1];
const race = await Promise.all(
  Array.from({ length: raceSize }, (_, i) =>
    fetch(
      `${tracker.url}/?key=${fixtures.key}&id=race-${i}&amount=1&currency=EUR&cids=${raceClick}`,
    ).then((r) => r.status),
  ),
);
const raceRegistered = race.filter((s) => s === 201).length;
const raceConflicts = race.filter((s) => s === 409).length;

const { statementCost, ...rows } = await measureRows(
  build(`${out}/metered`, "bench/worker/metered.ts"),
);
await Promise.all([bare.mf.dispose(), tracker.mf.dispose()]);

const postbackP50s = fresh.p50 / 1000;
const clickUnit = {
  workerCpuMs: scenarios["tracked redirect"].cpuMsPerRequest,
  d1RowsWritten: rows.perClick.written,
  d1RowsRead: rows.perClick.read,
  doRequests: 0,
  doSeconds: 0,
};
const conversionUnit = {
  workerCpuMs: fresh.cpuMsPerRequest,
  d1RowsWritten: rows.perConversion.written,
  d1RowsRead: rows.perConversion.read,
  doRequests: 2,
  doSeconds: 2 * postbackP50s,
};
const clicksLost = redirectsWithAecid - clickRows;
const goals: Goal[] = [
  {
    name: "tracked redirect ÷ bare 302 throughput",
    target: "≥ 0.90",
    measured: ratio.toFixed(3),
    met: ratio >= 0.9,
  },
  {
    name: "added p99 latency",
    target: "≤ 1 ms",
    measured: `${addedP99.toFixed(3)} ms`,
    met: addedP99 <= 1,
  },
  {
    name: "D1 rows written per click",
    target: "≤ 2 (aim 1)",
    measured: String(rows.perClick.written),
    met: rows.perClick.written <= 2,
  },
  {
    name: "D1 rows written per conversion",
    target: "≤ 8 (aim 5)",
    measured: String(rows.perConversion.written),
    met: rows.perConversion.written <= 8,
  },
  {
    name: "clicks lost under load",
    target: "0",
    measured: String(clicksLost),
    met: clicksLost === 0,
  },
  {
    name: `${raceSize} racing postbacks for one click`,
    target: "1 registered",
    measured: String(raceRegistered),
    met: raceRegistered === 1,
  },
];

const report: Report = {
  date: new Date().toISOString().replace("T", " ").slice(0, 16),
  command: smoke ? "BENCH_SMOKE=1 npm run bench" : "npm run bench",
  settings: { seconds, connections, warmupSeconds, rate, rounds },
  scenarios,
  rows,
  statementCost: { ...statementCost, clickBytes },
  checks: {
    redirectsWithAecid,
    clickRows,
    clicksLost,
    race: { sent: raceSize, registered: raceRegistered, conflicts: raceConflicts },
  },
  costs: {
    perMillionClicks: perMillion(clickUnit),
    perMillionConversions: perMillion(conversionUnit),
    clickFloor: CLICK_FLOOR,
  },
  goals,
};

console.log(`\n${table(report)}\n`);
const failures = Object.entries(scenarios).filter(
  ([, r]) => r.errors > 0 || Object.keys(r.statuses).some((s) => s.startsWith("5")),
);
const correct = clicksLost === 0 && raceRegistered === 1 && failures.length === 0;
if (!smoke) {
  const workerd = JSON.parse(readFileSync("node_modules/workerd/package.json", "utf8"))
    .version as string;
  writeFileSync(`${out}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync("BENCHMARKS.md", markdown(report, workerd));
  console.log("Wrote BENCHMARKS.md and bench-results/latest.json");
}
console.log(
  JSON.stringify({
    ratio: Number(ratio.toFixed(3)),
    addedP99Ms: Number(addedP99.toFixed(3)),
    rps: Object.fromEntries(
      Object.entries(scenarios).map(([name, r]) => [name, Math.round(r.rps)]),
    ),
    rowsWrittenPerClick: rows.perClick.written,
    d1ClicksPerSecond: {
      direct: Math.round(1000 / statementCost.singleInsertMs),
      batched: Math.round((100 * 1000) / statementCost.hundredRowInsertMs),
    },
    rowsWrittenPerConversion: rows.perConversion.written,
    clicksLost,
    raceRegistered,
    costPerMillionClicks: Number(report.costs.perMillionClicks.total.toFixed(4)),
    costPerMillionConversions: Number(report.costs.perMillionConversions.total.toFixed(4)),
    correct,
  }),
);
if (!correct) {
  console.error(
    `Benchmark checks failed: ${failures.map(([name]) => name).join(", ") || "lost clicks or race"}`,
  );
  process.exit(1);
}
process.exit(0);
