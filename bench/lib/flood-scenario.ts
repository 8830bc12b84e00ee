// A flood of random link IDs and random keys from many addresses, beside real clicks and real
// postbacks: how many D1 queries it costs, and what it does to the real requests' latency.

import { load } from "./load.ts";
import type { Settings } from "./measure.ts";
import { type MeterReader, settle } from "./meter.ts";
import { type Fixtures, HUMAN_UA } from "./seed-data.ts";
import type { Served } from "./servers.ts";

const randomText = (length: number) =>
  Array.from(
    { length },
    () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)],
  ).join("");
const randomHex = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join("");

export async function floodScenario(
  served: Served,
  fixtures: Fixtures,
  meter: MeterReader,
  s: Settings,
  smoke: boolean,
) {
  const human = { "User-Agent": HUMAN_UA };
  const realClicks = {
    url: `${served.url}/c/${fixtures.clickLink}`,
    pid: served.pid,
    headers: human,
  };
  // A flood of random link IDs and random keys from many addresses, beside real clicks and real
  // postbacks (replays, which read D1). A control flood of the same rate costs no D1 at all (IDs of
  // a length never issued): the difference between the two is what the flood does to D1.
  const floodRate = smoke ? 500 : 1500;
  const replay = `/?key=${fixtures.key}&id=rows-0&amount=10&currency=EUR&cids=${fixtures.postbackClicks[0]}`;
  const beside = () =>
    Promise.all([
      load({ ...realClicks, seconds: s.seconds, connections: 1, rate: s.rate }),
      load({
        url: `${served.url}${replay}`,
        seconds: s.seconds,
        connections: 1,
        rate: 50,
        pid: served.pid,
      }),
    ]);
  const floodOf = (paths: (() => string)[]) => {
    let n = 0;
    return load({
      url: `${served.url}/`,
      seconds: s.seconds,
      connections: s.connections,
      rate: floodRate,
      pid: served.pid,
      headers: human,
      nextPath: () => (paths[n++ % paths.length] as () => string)(),
      // Each from its own address (IPv6 documentation prefix): the per-isolate budget must hold.
      nextHeaders: () => ({ "CF-Connecting-IP": `2001:db8::${n.toString(16)}` }),
    });
  };
  const [quietClicks, quietPostbacks] = await beside();
  const [, [controlClicks, controlPostbacks]] = await Promise.all([
    floodOf([() => `/c/${randomText(9)}`]),
    beside(),
  ]);
  const randomFlood = () =>
    floodOf([
      () => `/c/${randomText(10)}`,
      () => `/c/${randomText(12)}`,
      () => `/?key=${randomHex(24)}-${randomHex(24)}&id=f&amount=1&currency=EUR`,
      () => `/?key=${fixtures.programId}-${randomHex(24)}&id=f&amount=1&currency=EUR`,
    ]);
  const [, [loudClicks, loudPostbacks]] = await Promise.all([randomFlood(), beside()]);
  // The flood alone, metered: every D1 statement it causes, reads and writes.
  await settle(meter);
  await meter(true);
  const flood = await randomFlood();
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // log rows written after answers
  const floodMeter = await meter();
  return {
    requests: flood.requests,
    rps: flood.rps,
    d1Queries: floodMeter.statements,
    d1QueriesPerRequest: floodMeter.statements / Math.max(1, flood.requests),
    statuses: flood.statuses,
    clicksP50: { quiet: quietClicks.p50, control: controlClicks.p50, flood: loudClicks.p50 },
    postbacksP50: {
      quiet: quietPostbacks.p50,
      control: controlPostbacks.p50,
      flood: loudPostbacks.p50,
    },
  };
}
