// `npm run bench:profile`: where the tracked redirect spends its CPU. Serves the built Worker with
// workerd's inspector on, records a V8 CPU profile while autocannon drives /c/:linkId, and prints
// the functions with the most self time. A tool for the "profile, then fix" loop of the benchmark.

import { load } from "./lib/load.ts";
import { HUMAN_UA, seed } from "./lib/seed-data.ts";
import { build, buildNoSink, migrate, serveTracker } from "./lib/servers.ts";

const INSPECTOR_PORT = Number(process.env.PROFILE_PORT ?? 9329);
const path = process.argv[2] ?? "click";
// PROFILE_NO_SINK=1 profiles the no-sink build: the Worker's own work per click alone.
const noSink = process.env.PROFILE_NO_SINK === "1";
const script = noSink ? buildNoSink("bench-results/no-sink") : build("bench-results/build");
const tracker = await serveTracker(script, { inspectorPort: INSPECTOR_PORT });
await migrate(tracker);
const fixtures = await seed(tracker, path === "postback" ? 50_000 : 10);
const url =
  path === "bot"
    ? `${tracker.url}/c/${fixtures.botLink}`
    : path === "postback"
      ? `${tracker.url}/`
      : `${tracker.url}/c/${fixtures.clickLink}`;
const headers = { "User-Agent": path === "bot" ? "Googlebot/2.1" : HUMAN_UA };
let next = 0;
const nextPath =
  path === "postback"
    ? () => {
        const i = next++;
        return `/?key=${fixtures.key}&id=p-${i}&amount=10&currency=EUR&cids=${fixtures.postbackClicks[i]}`;
      }
    : undefined;
await load({ url, seconds: 2, connections: 10, pid: tracker.pid, headers, nextPath });

const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json()) as {
  title: string;
  webSocketDebuggerUrl: string;
}[];
console.log(targets.map((t) => t.title).join(", "));
const target = targets.find(
  (t) => t.title === `workerd: worker ${process.argv[3] ?? "core:user:"}`,
);
if (!target) throw new Error("no inspector target");
const socket = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
let id = 0;
const pending = new Map<number, (result: any) => void>();
socket.addEventListener("message", (event) => {
  const message = JSON.parse(String(event.data));
  pending.get(message.id)?.(message.result);
});
const send = (method: string, params: object = {}) =>
  new Promise<any>((resolve) => {
    pending.set(++id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });

await send("Profiler.enable");
await send("Profiler.setSamplingInterval", { interval: 100 });
await send("Profiler.start");
const result = await load({
  url,
  seconds: 5,
  connections: 10,
  pid: tracker.pid,
  headers,
  nextPath,
});
const { profile } = await send("Profiler.stop");
socket.close();

const self = new Map<string, number>();
const byId = new Map<number, any>(profile.nodes.map((node: any) => [node.id, node]));
const counts = new Map<number, number>();
for (const sample of profile.samples as number[]) counts.set(sample, (counts.get(sample) ?? 0) + 1);
const total = (profile.samples as number[]).length;
for (const [nodeId, n] of counts) {
  const frame = byId.get(nodeId).callFrame;
  const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber + 1}`;
  self.set(name, (self.get(name) ?? 0) + n);
}
console.log(
  `${Math.round(result.rps)} req/s, ${result.cpuMsPerRequest.toFixed(3)} CPU-ms/req (workerd process); top self time:`,
);
for (const [name, n] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`);
}
// PROFILE_FUNCTION=name: which source lines of that function the samples landed on.
const focus = process.env.PROFILE_FUNCTION;
if (focus) {
  const lines = new Map<number, number>();
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== focus) continue;
    for (const tick of node.positionTicks ?? [])
      lines.set(tick.line, (lines.get(tick.line) ?? 0) + tick.ticks);
  }
  console.log(
    `${focus}: samples by bundle line`,
    [...lines.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12),
  );
}
await tracker.mf.dispose();
process.exit(0);
