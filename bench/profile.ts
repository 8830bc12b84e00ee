// `npm run bench:profile -- <mode>`: where a request spends the CPU of the Worker's own isolate
// (what Cloudflare bills, without the D1, Queue and Durable Object simulators: isolate-cpu.ts).
// Serves the built Worker with workerd's inspector on, records a V8 CPU profile per round while
// autocannon drives the mode's requests, and prints the isolate's CPU per request (median and
// range over the rounds) and the functions with the most self time. A tool for "profile, then cut".
//
// Modes: click (default), bot, postback (a new conversion per request, each on its own click),
// replay (the same postback again: 200 duplicate), taken (a new order on a click already
// converted: 409 click_already_converted); and the conversion sources' webhooks (source-modes.ts):
// stripe-sale and shopify-order (a new signed sale per request, each on its own fresh click),
// stripe-renewal (a new signed invoice.paid per request for customers sales bound beforehand).
//
//   PROFILE_ROUNDS=7 PROFILE_SECONDS=2    rounds, and seconds of load in each
//   PROFILE_SCRIPTS=a/index.js,b/index.js interleaves rounds over prebuilt bundles (before/after,
//                                         measured in the same session); default: builds this tree
//   PROFILE_NO_SINK=1                     the no-sink build (the Worker's own work per click)
//   PROFILE_SAVE=1                        also saves each round's .cpuprofile under bench-results/
//   PROFILE_FUNCTION=name                 which bundle lines of that function the samples hit
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { billedMs, isolateShare, profiled } from "./lib/isolate-cpu.ts";
import { load } from "./lib/load.ts";
import { HUMAN_UA, seed } from "./lib/seed-data.ts";
import { addSelfTime, durableObjectMs, linesOf, topSelfTime } from "./lib/self-time.ts";
import { build, buildNoSink, migrate, type Served, serveTracker } from "./lib/servers.ts";
import { clicksFor } from "./lib/source-cpu.ts";
import { isSourceMode, SOURCE_MODES, sourceRequests } from "./lib/source-modes.ts";
import type { Delivery } from "./lib/source-requests.ts";
import { seedSources } from "./lib/source-requests.ts";
import { formatSpread, spreadOf } from "./lib/spread.ts";

const MODES = ["click", "bot", "postback", "replay", "taken", ...SOURCE_MODES] as const;
type Mode = (typeof MODES)[number];
const mode = (process.argv[2] ?? "click") as Mode;
if (!MODES.includes(mode)) throw new Error(`mode: one of ${MODES.join(", ")}`);
const rounds = Number(process.env.PROFILE_ROUNDS ?? 7);
const seconds = Number(process.env.PROFILE_SECONDS ?? 2);
const connections = 10;
const save = process.env.PROFILE_SAVE === "1";
const isPostback = mode === "postback" || mode === "replay" || mode === "taken";

const scripts = process.env.PROFILE_SCRIPTS?.split(",") ?? [
  process.env.PROFILE_NO_SINK === "1"
    ? buildNoSink("bench-results/no-sink")
    : build("bench-results/build"),
];

interface Target {
  script: string;
  served: Served;
  url: string;
  headers: Record<string, string>;
  nextPath?: () => string;
  nextRequest?: () => Delivery;
  source: string;
  cpuMs: number[];
  /** The same without the Durable Objects' share (durableObjectMs): the Worker's own. */
  workerMs: number[];
  objectCallMs: number[];
  programMs: number[];
  statuses: Record<string, number>;
  selfMs: Map<string, number>;
  lines: Map<number, number>;
}

async function postback(served: Served, path: string, expected: number): Promise<void> {
  const response = await fetch(`${served.url}${path}`);
  if (response.status !== expected)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

async function start(script: string): Promise<Target> {
  const served = await serveTracker(script, {}, true);
  await migrate(served);
  if (isSourceMode(mode)) {
    const fixtures = await seedSources(served, clicksFor({ rounds, seconds, connections }));
    return {
      ...targetOf(script, served, `${served.url}/`, {}),
      nextRequest: await sourceRequests(served, mode, fixtures, fixtures.postbackClicks),
    };
  }
  // A new conversion per request needs a click per request: a few thousand per second at most.
  const fixtures = await seed(served, mode === "postback" ? 60_000 : 10);
  const key = fixtures.key;
  const [first, ...rest] = fixtures.postbackClicks;
  const registered = `/?key=${key}&id=first&amount=49.90&currency=EUR&cids=${first}`;
  if (mode === "replay" || mode === "taken") await postback(served, registered, 201);
  let next = 0;
  const paths: Partial<Record<Mode, () => string>> = {
    click: undefined,
    bot: undefined,
    postback: () => {
      const i = next++;
      return `/?key=${key}&id=p-${i}&amount=49.90&currency=EUR&cids=${rest[i % rest.length]}`;
    },
    replay: undefined,
    taken: () => `/?key=${key}&id=t-${next++}&amount=49.90&currency=EUR&cids=${first}`,
  };
  const path =
    mode === "replay" ? registered : `/c/${mode === "bot" ? fixtures.botLink : fixtures.clickLink}`;
  return {
    ...targetOf(script, served, `${served.url}${isPostback && mode !== "replay" ? "/" : path}`, {
      "User-Agent": mode === "bot" ? "Googlebot/2.1" : HUMAN_UA,
    }),
    nextPath: paths[mode],
  };
}

function targetOf(
  script: string,
  served: Served,
  url: string,
  headers: Record<string, string>,
): Target {
  return {
    script,
    served,
    url,
    headers,
    source: readFileSync(script, "utf8"),
    cpuMs: [],
    workerMs: [],
    objectCallMs: [],
    programMs: [],
    statuses: {},
    selfMs: new Map(),
    lines: new Map(),
  };
}

const targets: Target[] = [];
for (const script of scripts) targets.push(await start(script));
const run = (t: Target, s: number) =>
  load({
    url: t.url,
    seconds: s,
    connections,
    pid: t.served.pid,
    headers: t.headers,
    nextPath: t.nextPath,
    nextRequest: t.nextRequest,
    method: t.nextRequest ? "POST" : "GET",
  });
for (const target of targets) await run(target, 1); // warm-up: JIT, caches, D1 pages
if (save) mkdirSync("bench-results/profiles", { recursive: true });

for (let round = 0; round < rounds; round++) {
  // Interleaved: each round measures every script once, so the machine's drift hits all alike.
  for (const [index, t] of targets.entries()) {
    const profiler = t.served.profiler;
    if (!profiler) throw new Error("served without a profiler");
    const { profile, result } = await profiled(profiler, () => run(t, seconds));
    const share = isolateShare(profile);
    t.cpuMs.push(billedMs(share) / result.requests);
    const objects = durableObjectMs(profile, t.source);
    t.objectCallMs.push(objects.callMs / result.requests);
    t.workerMs.push((billedMs(share) - objects.objectMs - objects.callMs) / result.requests);
    t.programMs.push(share.programMs / result.requests);
    for (const [status, n] of Object.entries(result.statuses))
      t.statuses[status] = (t.statuses[status] ?? 0) + n;
    addSelfTime(profile, t.selfMs);
    if (process.env.PROFILE_FUNCTION) linesOf(profile, process.env.PROFILE_FUNCTION, t.lines);
    if (save)
      writeFileSync(
        `bench-results/profiles/${mode}-${index}-${round}.cpuprofile`,
        JSON.stringify(profile),
      );
  }
}

for (const t of targets) {
  console.log(`\n${t.script}: ${mode}, ${rounds} rounds of ${seconds} s`);
  console.log(`  statuses: ${JSON.stringify(t.statuses)}`);
  console.log(`  isolate CPU ms/request (JS + GC): ${formatSpread(spreadOf(t.cpuMs))}`);
  console.log(`  rounds: ${t.cpuMs.map((ms) => ms.toFixed(3)).join(" ")}`);
  console.log(`  without the Durable Objects: ${formatSpread(spreadOf(t.workerMs))}`);
  console.log(`  rounds: ${t.workerMs.map((ms) => ms.toFixed(3)).join(" ")}`);
  console.log(`  at the objects' stub calls: ${formatSpread(spreadOf(t.objectCallMs))}`);
  console.log(`  (program) ms/request, apart: ${formatSpread(spreadOf(t.programMs))}`);
  console.log("  top self time (share of the isolate's busy time):");
  for (const line of topSelfTime(t.selfMs, 25)) console.log(`  ${line}`);
  if (t.lines.size > 0)
    console.log(`  ${process.env.PROFILE_FUNCTION}: ticks by bundle line`, [
      ...[...t.lines].sort((a, b) => b[1] - a[1]).slice(0, 12),
    ]);
}
await Promise.all(targets.map((t) => t.served.mf.dispose()));
process.exit(0);
