// The cold start: a fresh workerd per measure (a new Miniflare each time, so a new process and a
// new isolate), its time to listen and to its first answer, against two bare Workers started the
// same way in the same round: the bare 302 alone, and the bare 302 with the tracker's bindings (so
// the D1, Durable Object and Queue simulators' start-up is on both sides, not charged to our code).
// The state is migrated and seeded once, on disk, before the rounds: seeding is never timed.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import {
  BARE,
  BEFORE_REDIRECT,
  BOUND,
  type ColdFigure,
  type ColdRound,
  type ColdSample,
  OPENAPI,
  POSTBACK,
  REDIRECT,
} from "./cold-figures.ts";
import { type Fixtures, HUMAN_UA, seed } from "./seed-data.ts";
import { cpuSeconds, migrate, type Served, serveBare, serveTracker } from "./servers.ts";

/** A Worker to start cold, and the request it answers first (by round: each its own click). */
export interface ColdTarget {
  name: string;
  serve: () => Promise<Served>;
  path: (round: number) => string;
}

export interface Bytes {
  bytes: number;
  gzipBytes: number;
}

export interface ColdReport {
  command: string;
  date: string;
  rounds: number;
  figures: Record<string, ColdFigure>;
  /** The whole bundle, and what a cold redirect evaluates before it answers (bundle:size). */
  bytes: { bundle: Bytes; redirectEvaluates: Bytes };
}

/** The tracker's state, migrated and seeded once in a directory every cold start reopens. */
export async function preparedState(script: string, clicks: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "aecid-cold-"));
  const served = await serveTracker(script, { resourcePersistencePath: dir } as object);
  await migrate(served);
  const fixtures = await seed(served, clicks);
  await served.mf.dispose();
  return { dir, fixtures };
}

/** The bare 302, exporting the tracker's Durable Object classes so its bindings can be declared. */
function boundBareScript(dir: string): string {
  const scriptPath = path.join(dir, "bare-302-bound", "index.js");
  mkdirSync(path.dirname(scriptPath), { recursive: true });
  writeFileSync(
    scriptPath,
    [
      'import { DurableObject } from "cloudflare:workers";',
      ...["ClickGuard", "PostbackLimiter", "DeadLetters"].map(
        (name) => `export class ${name} extends DurableObject {}`,
      ),
      'export default { fetch() { return new Response(null, { status: 302, headers: { Location: "https://shop.example/landing", "Cache-Control": "private, no-store" } }); }, queue() {} };',
      "",
    ].join("\n"),
  );
  return scriptPath;
}

/** Starts the target's runtime, sends its first request, reads the answer, stops the runtime. */
export async function coldOnce(target: ColdTarget, round: number): Promise<ColdSample> {
  const host = process.cpuUsage();
  const served = await target.serve();
  try {
    const sent = performance.now();
    const response = await fetch(`${served.url}${target.path(round)}`, {
      headers: { "User-Agent": HUMAN_UA },
      redirect: "manual",
    });
    await response.arrayBuffer();
    const firstMs = performance.now() - sent;
    // A fresh process: its CPU so far is its start-up and the first answer, simulators included.
    const cpuMs = cpuSeconds(served.pid) * 1000;
    const { user, system } = process.cpuUsage(host);
    const hostCpuMs = (user + system) / 1000;
    const { startMs, spawnMs } = served;
    return { spawnMs, startMs, firstMs, cpuMs, hostCpuMs, status: response.status };
  } finally {
    await served.mf.dispose();
  }
}

/** The bare Workers and the tracker's three paths (and the old bundle's redirect, if given). */
export function coldTargets(
  script: string,
  state: { dir: string; fixtures: Fixtures },
  before?: string,
): ColdTarget[] {
  const { dir, fixtures } = state;
  // The bare ones and the old bundle are written here, each in a directory of its own: a Worker's
  // modules are its directory's .js files (servers.ts).
  const scripts = "bench-results/cold";
  mkdirSync(scripts, { recursive: true });
  const old = before && copyBuild(before, path.join(scripts, "before-split"));
  const reopen = (scriptPath: string) => () =>
    serveTracker(scriptPath, { resourcePersistencePath: dir } as object);
  const redirect = () => `/c/${fixtures.clickLink}`;
  const targets: ColdTarget[] = [
    { name: BARE, serve: () => serveBare(scripts), path: () => "/" },
    { name: BOUND, serve: reopen(boundBareScript(scripts)), path: () => "/" },
    { name: REDIRECT, serve: reopen(script), path: redirect },
    {
      name: POSTBACK,
      serve: reopen(script),
      path: (round) =>
        `/?key=${fixtures.key}&id=cold-${round}&amount=49.90&currency=EUR&cids=${fixtures.postbackClicks[round % fixtures.postbackClicks.length]}`,
    },
    { name: OPENAPI, serve: reopen(script), path: () => "/api/openapi.json" },
  ];
  if (old) targets.push({ name: BEFORE_REDIRECT, serve: reopen(old), path: redirect });
  return targets;
}

/** Copies a build's entry and its chunks (the other .js files beside it) into `dir`, emptied. */
function copyBuild(entry: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const from = path.dirname(entry);
  for (const file of readdirSync(from).filter((f) => f.endsWith(".js"))) {
    copyFileSync(path.join(from, file), path.join(dir, file));
  }
  return path.join(dir, path.basename(entry));
}

/** `rounds` rounds, each starting every target once, in turn (bare, redirect, postback, …). */
export async function coldRounds(targets: ColdTarget[], rounds: number): Promise<ColdRound[]> {
  const measured: ColdRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const samples: ColdRound = {};
    for (const target of targets) samples[target.name] = await coldOnce(target, round);
    measured.push(samples);
  }
  return measured;
}

/** The whole bundle's bytes: what a fresh isolate evaluated before the split. */
export function bundleBytes(script: string): Bytes {
  const code = readFileSync(script);
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

/** `npm run bundle:size -- --json`: the bundle and what a cold redirect evaluates. */
export function bundleSize(): { bundle: Bytes; redirectEvaluates: Bytes } {
  const run = spawnSync(process.execPath, ["scripts/bundle-size.ts", "--json"], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`bundle:size failed: ${run.stderr}`);
  const { bundle, redirectEvaluates } = JSON.parse(run.stdout);
  return { bundle, redirectEvaluates };
}
