// `npm run bench:sources`: what a Stripe or Shopify webhook event costs (issue 25). Two passes:
// the isolate's CPU per event on the built Worker (a new signed event per request, a sale on its
// own fresh click: source-cpu.ts), then D1 rows written and read per kind of event on the metered
// build (source-rows.ts). Writes bench-results/sources.json, which `npm run bench:render` and
// the full bench put into BENCHMARKS.md (bench/lib/sources-md.ts).
//   SOURCES_ROUNDS=5 SOURCES_SECONDS=2   rounds of the CPU pass, and seconds of load in each
//   SOURCES_EVENTS=100                   events of each kind in the rows pass
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { build, migrate, serveTracker } from "./lib/servers.ts";
import { clicksFor, type ModeCpu, sourceCpu } from "./lib/source-cpu.ts";
import { SOURCE_MODES, type SourceMode } from "./lib/source-modes.ts";
import { seedSources } from "./lib/source-requests.ts";
import { rowsPerEvent } from "./lib/source-rows.ts";
import { SOURCES_FILE, type SourcesRun } from "./lib/sources-md.ts";

const settings = {
  rounds: Number(process.env.SOURCES_ROUNDS ?? 5),
  seconds: Number(process.env.SOURCES_SECONDS ?? 2),
  connections: 10,
};
const events = Number(process.env.SOURCES_EVENTS ?? 100);

console.log(`CPU per event: ${settings.rounds} rounds of ${settings.seconds} s per mode…`);
const script = build("bench-results/build");
const tracker = await serveTracker(script, {}, true);
await migrate(tracker);
const perMode = clicksFor(settings);
const fixtures = await seedSources(tracker, perMode * SOURCE_MODES.length);
const cpu = {} as Record<SourceMode, ModeCpu>;
for (const [i, mode] of SOURCE_MODES.entries()) {
  const clicks = fixtures.postbackClicks.slice(i * perMode, (i + 1) * perMode);
  cpu[mode] = await sourceCpu(
    tracker,
    mode,
    fixtures,
    clicks,
    settings,
    readFileSync(script, "utf8"),
  );
  console.log(`  ${mode}: ${cpu[mode].rounds.map((ms) => ms.toFixed(3)).join(" ")} ms/event`);
}
await tracker.mf.dispose();

console.log(`Rows per event: ${events} events of each kind on the metered build…`);
const metered = await serveTracker(build("bench-results/metered", "bench/worker/metered.ts"));
await migrate(metered);
const rows = await rowsPerEvent(metered, await seedSources(metered, 3 * events), events);
await metered.mf.dispose();

const run: SourcesRun = {
  date: new Date().toISOString().slice(0, 16).replace("T", " "),
  commit: spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim(),
  command: "npm run bench:sources",
  settings: { ...settings, events },
  cpu,
  rows,
};
writeFileSync(SOURCES_FILE, `${JSON.stringify(run, null, 2)}\n`);
console.log(JSON.stringify(run, null, 2));
process.exit(0);
