// Serves Workers for the benchmark straight on workerd through Miniflare (no `wrangler dev`
// proxy in the measured path), with the bindings wrangler.toml declares.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { inspect, type Profiler } from "./isolate-cpu.ts";
import { modulesOf } from "./modules.ts";
import { withWorkerdSpawn } from "./workerd-spawn.ts";

export const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
const IP_HASH_KEY = "bench-ip-hash-key-0123456789abcdef";
const WEBHOOK_KEY = "bench-webhook-key-0123456789abcdef";
const SOURCE_SECRETS_KEY = "YmVuY2gtc291cmNlLXNlY3JldHMta2V5LTAxMjM0NTY=";

/**
 * Bundles an entry the way `wrangler deploy` would, without deploying (`alias`: `from:to`), into
 * an emptied `outdir` (wrangler leaves files it did not write: an older build's chunk would be
 * served beside this one). Returns the entry module's path; its chunks are the other .js files.
 */
export function build(outdir: string, entry?: string, alias?: string): string {
  rmSync(outdir, { recursive: true, force: true });
  const args = [
    "deploy",
    "--dry-run",
    "--outdir",
    outdir,
    ...(entry ? [entry] : []),
    ...(alias ? ["--alias", alias] : []),
  ];
  const result = spawnSync("wrangler", args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed`);
  // wrangler names the entry's bundle after it (wrangler.toml's main is src/index.ts).
  const main = `${path.parse(entry ?? "src/index.ts").name}.js`;
  if (!readdirSync(outdir).includes(main)) throw new Error(`no ${main} in ${outdir}`);
  return path.join(outdir, main);
}

/**
 * The no-sink build: the Worker as deployed, with src/click/sink.ts swapped at bundle time
 * for bench/worker/no-sink-sink.ts (wrangler matches the import path as the routes write it).
 */
export const buildNoSink = (outdir: string) =>
  build(outdir, undefined, "./sink:./bench/worker/no-sink-sink.ts");

export interface Served {
  url: string;
  mf: Miniflare;
  pid: number | null;
  /** A DevTools session on the Worker's isolate, when served with `profile` (isolate-cpu.ts). */
  profiler?: Profiler;
  /** Milliseconds from `new Miniflare` to its socket listening (workerd up, Worker loaded). */
  startMs: number;
  /** Milliseconds from `new Miniflare` to its spawning workerd: Miniflare's own Node-side part. */
  spawnMs: number;
}

/** A TCP port nothing listens on now (for the inspector). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The build's entry and its chunks (bench/lib/modules.ts). */
const bundleModules = (entry: string) =>
  modulesOf(entry.split(path.sep).join("/"), readdirSync(path.dirname(entry)));

type V4Options = Parameters<typeof convertV4MiniflareOptions>[0];

async function serve(options: V4Options, profile: boolean): Promise<Served> {
  const inspectorPort = profile ? await freePort() : undefined;
  const converted = convertV4MiniflareOptions(
    profile ? ({ ...options, inspectorPort } as V4Options) : options,
  );
  const startedAt = performance.now();
  let mf: Miniflare | undefined;
  const { value: ready, spawn } = await withWorkerdSpawn(() => {
    mf = new Miniflare(converted);
    return mf.ready;
  });
  const startMs = performance.now() - startedAt;
  if (!mf || !spawn) throw new Error("Miniflare became ready without spawning workerd");
  const url = ready.toString().replace(/\/$/, "");
  const spawnMs = spawn.at - startedAt;
  const served: Served = { url, mf, pid: spawn.pid, startMs, spawnMs };
  if (inspectorPort !== undefined) served.profiler = await inspect(inspectorPort);
  return served;
}

/** The bindings and compatibility settings wrangler.toml declares, as Miniflare options. */
function configured() {
  const { workerOptions: w } = unstable_getMiniflareWorkerOptions("wrangler.toml");
  return {
    compatibilityDate: w.compatibilityDate,
    compatibilityFlags: w.compatibilityFlags,
    bindings: w.bindings,
    d1Databases: w.d1Databases,
    durableObjects: w.durableObjects,
    queueProducers: w.queueProducers,
    queueConsumers: w.queueConsumers,
  } as V4Options;
}

/**
 * The tracker: the built Worker with D1, its Durable Objects and its vars, state on disk in a
 * directory of its own. `resourcePersistencePath` is the option this Miniflare reads: it drops
 * `d1Persist`/`durableObjectsPersist` unread (not in its schema), and then keeps state in a
 * temporary directory of its own. Pass `resourcePersistencePath` in `extra` to reopen a state.
 */
export function serveTracker(
  scriptPath: string,
  extra: Partial<V4Options> = {},
  profile = false,
): Promise<Served> {
  const state = mkdtempSync(path.join(tmpdir(), "aecid-bench-"));
  const options = configured();
  return serve(
    {
      ...options,
      ...bundleModules(scriptPath),
      host: "127.0.0.1",
      port: 0,
      resourcePersistencePath: state,
      ...extra,
      bindings: {
        ...(options as { bindings?: object }).bindings,
        ADMIN_TOKEN,
        IP_HASH_KEY,
        WEBHOOK_KEY,
        SOURCE_SECRETS_KEY,
        ...(extra as { bindings?: object }).bindings,
      },
      // Outbound postbacks and webhooks never leave the machine: a receiver here answers them all.
      outboundService: async () => new Response("ok"),
      cf: { country: "FR" },
    } as V4Options,
    profile,
  );
}

/** Four more D1 databases, CLICKS_1 to CLICKS_4, for the shard measurement (not in the plan). */
export const SHARD_BINDINGS = ["CLICKS_1", "CLICKS_2", "CLICKS_3", "CLICKS_4"];

export function withClickShards(): Partial<V4Options> {
  const d1 = (configured() as { d1Databases?: Record<string, unknown> }).d1Databases ?? {};
  return {
    d1Databases: {
      ...d1,
      ...Object.fromEntries(SHARD_BINDINGS.map((b, i) => [b, { id: `bench-clicks-${i + 1}` }])),
    },
  } as Partial<V4Options>;
}

/** The baseline: a Worker that answers a fixed 302, on the same runtime, served the same way. */
export function serveBare(dir: string, profile = false): Promise<Served> {
  // A directory of its own, so its module list is this one file (as a one-file build's is).
  const scriptPath = path.join(dir, "bare-302", "index.js");
  mkdirSync(path.dirname(scriptPath), { recursive: true });
  writeFileSync(
    scriptPath,
    'export default { fetch() { return new Response(null, { status: 302, headers: { Location: "https://shop.example/landing", "Cache-Control": "private, no-store" } }); } };\n',
  );
  return serve(
    {
      ...bundleModules(scriptPath),
      compatibilityDate: (configured() as { compatibilityDate?: string }).compatibilityDate,
      host: "127.0.0.1",
      port: 0,
      cf: { country: "FR" },
    } as V4Options,
    profile,
  );
}

/** Applies the D1 migrations through each binding, as `wrangler d1 migrations apply` would. */
export async function migrate(served: Served, bindings = ["DB"]): Promise<void> {
  for (const binding of bindings) await migrateOne(await served.mf.getD1Database(binding));
}

async function migrateOne(db: Awaited<ReturnType<Miniflare["getD1Database"]>>): Promise<void> {
  // Split as wrangler splits them (a trigger's body holds `;`s of its own), in order by name.
  for (const migration of await readD1Migrations("migrations")) {
    for (const statement of migration.queries) await db.prepare(statement).run();
  }
}

/** CPU seconds a process has used (user + system). */
export function cpuSeconds(pid: number | null): number {
  if (pid === null) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}
