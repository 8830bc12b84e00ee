// `npm run crash-test`: what a crash of the Workers runtime costs in clicks, and where they were.
// Serves the Worker with `wrangler dev` on 127.0.0.1:$CRASH_PORT (8799) with its own state under
// .wrangler/crash-test/, sends CRASH_CLICKS clicks from CRASH_CONNECTIONS connections, kill -9's
// the workerd process CRASH_AT_MS after the first click, stops, and compares three sets: the
// clicks answered with an aecid (from the Location headers), the clicks the queue acknowledged
// (the Worker's `click_batch_queued` lines), and the clicks in D1 afterwards. A missing click was
// either held in the isolate, never sent (a real loss on Cloudflare too), or acknowledged by the
// local queue broker and lost from its memory (local only: Cloudflare Queues keep what they ack).
// CRASH_WINDOWS (comma-separated ms, default 50) runs once per CLICK_BATCH_WAIT_MS. Not part of
// `npm test`: it is slow, and kills a process on purpose.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { seedDemo } from "./demo-seed.ts";

const port = Number(process.env.CRASH_PORT ?? 8799);
const origin = `http://127.0.0.1:${port}`;
const total = Number(process.env.CRASH_CLICKS ?? 6000);
const connections = Number(process.env.CRASH_CONNECTIONS ?? 20);
const crashAtMs = Number(process.env.CRASH_AT_MS ?? 2500);
const warmUp = Number(process.env.CRASH_WARM_UP ?? 500);
const windows = (process.env.CRASH_WINDOWS ?? "50").split(",").map(Number);
const persist = ".wrangler/crash-test";
const secrets = {
  ADMIN_TOKEN: "crash-test-admin-token-0123456789",
  IP_HASH_KEY: "crash-test-ip-hash-key-0123456789",
  WEBHOOK_KEY: "crash-test-webhook-key-0123456789",
  SOURCE_SECRETS_KEY: "Y3Jhc2gtdGVzdC1zb3VyY2Utc2VjcmV0cy1rZXktMDE=",
};
const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const env = {
  ...process.env,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

function wrangler(args: string[]) {
  const run = spawnSync("wrangler", args, { encoding: "utf8", env, maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`wrangler ${args.join(" ")}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** The workerd processes under `root` (wrangler's children, and theirs): never anyone else's. */
function workerdUnder(root: number): number[] {
  const parents = new Map<number, { ppid: number; name: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), { ppid, name });
    } catch {
      // the process ended meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid)?.ppid; p; p = parents.get(p)?.ppid) if (p === root) return true;
    return false;
  };
  return [...parents].filter(([pid, p]) => p.name === "workerd" && descends(pid)).map(([p]) => p);
}

interface Server {
  child: ChildProcess;
  output: () => string;
}

async function serve(waitMs: number): Promise<Server> {
  const vars = { ...secrets, CLICK_BATCH_WAIT_MS: String(waitMs), OUTBOUND_ALLOW_INSECURE: "true" };
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persist];
  args.push("--inspector-port", String(port + 1), "--show-interactive-dev-session=false");
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  const child = spawn("wrangler", args, { stdio: ["ignore", "pipe", "pipe"], env });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${text}`);
    try {
      if ((await fetch(`${origin}/api/openapi.json`)).ok) return { child, output: () => text };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill("SIGTERM");
  throw new Error(`the Worker did not answer on ${origin}:\n${text}`);
}

async function stop(server: Server) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
}

/** Clicks from `connections` loops until `total` are sent or the runtime is killed. */
async function sendClicks(url: string, killed: () => boolean, count = total) {
  const answered = new Map<string, number>(); // aecid → when its redirect came back
  let sent = 0;
  let failed = 0;
  const loop = async () => {
    while (sent < count && !killed()) {
      sent++;
      try {
        const response = await fetch(url, {
          redirect: "manual",
          headers: { "User-Agent": BROWSER_UA },
        });
        const aecid = new URL(response.headers.get("location") ?? "http://x/").searchParams.get(
          "aecid",
        );
        if (aecid) answered.set(aecid, Date.now());
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { answered, failed };
}

interface Queued {
  clicks: number;
  first: string;
  last: string;
}

function queuedBatches(output: string): Queued[] {
  return [...output.matchAll(/\{"event":"click_batch_queued"[^\n]*?\}/g)].map(
    (m) => JSON.parse(m[0]) as Queued,
  );
}

async function crashRun(waitMs: number) {
  rmSync(persist, { recursive: true, force: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  const server = await serve(waitMs);
  const demo = await seedDemo(origin, secrets.ADMIN_TOKEN);
  const link = `${origin}${new URL(demo.link.url as string).pathname}`;
  // A warm-up (the isolate compiled, the link cached), not counted: the run's clicks are told
  // apart from these and the seed's by their aecids.
  const warm = (await sendClicks(link, () => false, warmUp)).answered;
  if (demo.clickId) warm.set(demo.clickId as string, 0);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = server.output().length;
  let killedAt = 0;
  const started = Date.now();
  const kill = () => {
    if (killedAt) return;
    const pids = workerdUnder(server.child.pid as number);
    for (const pid of pids) process.kill(pid, "SIGKILL");
    killedAt = Date.now();
    console.log(`  kill -9 workerd ${pids.join(", ")} at ${killedAt - started} ms`);
  };
  const timer = setTimeout(kill, crashAtMs);
  const { answered, failed } = await sendClicks(link, () => killedAt > 0);
  clearTimeout(timer);
  // Every click sent before CRASH_AT_MS: the crash comes right after the last answer.
  kill();
  const seconds = (killedAt - started) / 1000;
  // Did wrangler bring the runtime back? Either way, stop it, and read D1 from its files.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const restarted = workerdUnder(server.child.pid as number).length > 0;
  const queued = queuedBatches(server.output().slice(before));
  await stop(server);

  const rows = JSON.parse(
    wrangler([
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      persist,
      "--json",
      "--command",
      "SELECT lower(hex(id)) AS id FROM clicks",
    ]),
  ) as { results: { id: string }[] }[];
  const stored = new Set(rows[0]?.results.map((r) => r.id));
  const lost = [...answered].filter(([id]) => !stored.has(id));
  const acked = queued.reduce((n, b) => n + b.clicks, 0);
  // Every stored click went through the queue (no fallback write ran): what the queue acknowledged
  // beyond the run's stored clicks (answered or not) is what the local broker's memory lost.
  const storedOfRun = [...stored].filter((id) => !warm.has(id)).length;
  const brokerLost = acked - storedOfRun;
  // The isolate sends in arrival order: a lost click answered after the last click of the newest
  // acknowledged batch was still held (or in flight) when the runtime died; before it, acknowledged.
  let lastAckedAt = 0;
  for (const b of queued) {
    const at = answered.get(b.last) ?? answered.get(b.first) ?? 0;
    lastAckedAt = Math.max(lastAckedAt, at);
  }
  const held = lost.filter(([, at]) => at > lastAckedAt).map(([, at]) => killedAt - at);
  const ages = lost.map(([, at]) => killedAt - at);
  const heldLost = held.length;
  const heldOldestMs = Math.max(0, ...held);
  const clicksPerMessage = acked / Math.max(1, queued.length);
  return {
    waitMs,
    rate: Math.round(answered.size / seconds),
    answered: answered.size,
    failed,
    acked,
    stored: answered.size - lost.length,
    lost: lost.length,
    heldLost,
    brokerLost,
    heldOldestMs,
    oldestLostMs: Math.max(0, ...ages),
    restarted,
    clicksPerMessage,
    // A write, a read and a delete per 64 KB unit; a batch of 200 clicks is one unit.
    queueOpsPerMillion: Math.round(3e6 / Math.max(1, clicksPerMessage)),
    fallback: /click_queue_unreachable/.test(server.output()),
  };
}

console.log(`Crash test: ${total} clicks from ${connections} connections, kill at ${crashAtMs} ms`);
const results = [];
for (const waitMs of windows) {
  console.log(`CLICK_BATCH_WAIT_MS = ${waitMs}`);
  const result = await crashRun(waitMs);
  console.log(`  ${JSON.stringify(result)}`);
  results.push(result);
}
console.log(
  "\n| CLICK_BATCH_WAIT_MS | clicks/s | answered | acknowledged | in D1 | lost: held in the isolate | lost: local broker only (of all acknowledged) | held: oldest, ms before the kill | any lost: oldest, ms | clicks/message | queue ops per million clicks |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.waitMs} | ${r.rate} | ${r.answered} | ${r.acked} | ${r.stored} | ${r.heldLost} | ${r.brokerLost} | ${r.heldOldestMs} | ${r.oldestLostMs} | ${r.clicksPerMessage.toFixed(1)} | ${r.queueOpsPerMillion.toLocaleString("en")} |`,
  );
}
rmSync(persist, { recursive: true, force: true });
process.exit(0);
