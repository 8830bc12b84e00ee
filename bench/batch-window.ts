// `npm run bench:batch-window`: how long should a click wait in the isolate for others to leave
// with (CLICK_BATCH_WAIT_MS)? For each window, the metered build takes a steady click rate and
// the figures that decide it are read: queue messages per second and clicks per message (what
// Queues bills, per operation), and the workerd process's CPU per click from the first request
// until the consumer's last D1 write (the redirect, the sink and the consumer together).
// BATCH_WINDOWS (comma-separated ms), BENCH_RATE_CLICKS and BENCH_SECONDS set the grid.

import { load } from "./lib/load.ts";
import { median } from "./lib/measure.ts";
import { meterOf, settle } from "./lib/meter.ts";
import { HUMAN_UA, seed } from "./lib/seed-data.ts";
import { build, cpuSeconds, migrate, serveTracker } from "./lib/servers.ts";

const windows = (process.env.BATCH_WINDOWS ?? "0,5,10,20,50,100,200").split(",").map(Number);
const repeats = Number(process.env.BATCH_REPEATS ?? 2);
const rate = Number(process.env.BENCH_RATE_CLICKS ?? 1000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const script = build("bench-results/metered", "bench/worker/metered.ts");

export interface WindowFigures {
  waitMs: number;
  clicks: number;
  messagesPerSecond: number;
  clicksPerMessage: number;
  kbPerMessage: number;
  /** Queues bills a write, a read and a delete per 64 KB of each message. */
  queueOpsPerMillionClicks: number;
  cpuMsPerClick: number;
  p99: number;
}

async function measureWindow(waitMs: number): Promise<WindowFigures> {
  const served = await serveTracker(script, {
    bindings: { CLICK_BATCH_WAIT_MS: String(waitMs) },
  } as never);
  await migrate(served);
  const fixtures = await seed(served, 1);
  const meter = meterOf(served);
  const target = {
    url: `${served.url}/c/${fixtures.clickLink}`,
    pid: served.pid,
    headers: { "User-Agent": HUMAN_UA },
    connections: 10,
  };
  await load({ ...target, seconds: 2 });
  await settle(meter);
  await meter(true);
  const cpuBefore = cpuSeconds(served.pid);
  const steady = await load({ ...target, seconds, rate });
  await settle(meter);
  // settle() waits 1.5 s of quiet after the last write; that idle time costs next to no CPU.
  const cpu = cpuSeconds(served.pid) - cpuBefore;
  const piped = await meter();
  await served.mf.dispose();
  return {
    waitMs,
    clicks: steady.requests,
    messagesPerSecond: piped.messages / steady.seconds,
    clicksPerMessage: steady.requests / Math.max(1, piped.messages),
    kbPerMessage: piped.messageBytes / Math.max(1, piped.messages) / 1024,
    queueOpsPerMillionClicks:
      (3 *
        Math.ceil(piped.messageBytes / Math.max(1, piped.messages) / 65_536) *
        piped.messages *
        1e6) /
      steady.requests,
    cpuMsPerClick: (cpu * 1000) / steady.requests,
    p99: steady.p99,
  };
}

// The windows take turns, `repeats` times, and each figure is the median of its turns.
const turns = new Map<number, WindowFigures[]>(windows.map((w) => [w, []]));
for (let round = 0; round < repeats; round++) {
  for (const waitMs of windows) turns.get(waitMs)?.push(await measureWindow(waitMs));
}
const mid = (list: WindowFigures[], pick: (r: WindowFigures) => number) => median(list.map(pick));
console.log(`At ${rate} clicks/s for ${seconds} s, median of ${repeats}:`);
console.log(
  "| CLICK_BATCH_WAIT_MS | messages/s | clicks/message | KB/message | queue ops per million clicks | CPU ms/click |",
);
console.log("|---|---|---|---|---|---|");
for (const [waitMs, list] of turns) {
  const f = (pick: (r: WindowFigures) => number, digits: number) => mid(list, pick).toFixed(digits);
  console.log(
    `| ${waitMs} | ${f((r) => r.messagesPerSecond, 1)} | ${f((r) => r.clicksPerMessage, 1)} | ${f((r) => r.kbPerMessage, 1)} | ${f((r) => r.queueOpsPerMillionClicks, 0)} | ${f((r) => r.cpuMsPerClick, 3)} |`,
  );
}
process.exit(0);
