// The metered build's pass: D1 rows per operation, what the click pipeline costs at a steady
// click rate (D1 statements, queue messages), and the flood scenario (flood-scenario.ts).

import { floodScenario } from "./flood-scenario.ts";
import { load } from "./load.ts";
import type { Settings } from "./measure.ts";
import { meterOf, settle } from "./meter.ts";
import { BOT_UA, HUMAN_UA, seed } from "./seed-data.ts";
import { migrate, SHARD_BINDINGS, serveTracker, withClickShards } from "./servers.ts";

const SAMPLE = 200;

export interface ShardCapacity {
  shards: number;
  clicks: number;
  diskBytesPerClick: number;
  perShard: Record<string, { ms: number; statements: number }>;
  busiestShardMs: number;
  clicksPerSecond: number;
  wallMs: number;
}

export async function costPass(meteredScript: string, s: Settings, smoke: boolean) {
  const served = await serveTracker(meteredScript, withClickShards());
  await migrate(served, ["DB", ...SHARD_BINDINGS]);
  const fixtures = await seed(served, SAMPLE);
  const meter = meterOf(served);
  const human = { "User-Agent": HUMAN_UA };
  const perRequest = async (
    count: number,
    url: (i: number) => string,
    headers: Record<string, string>,
  ) => {
    await meter(true);
    await Promise.all(
      Array.from({ length: count }, (_, i) => fetch(url(i), { headers, redirect: "manual" })),
    );
    await settle(meter);
    const totals = await meter();
    return { written: totals.rowsWritten / count, read: totals.rowsRead / count };
  };
  // Warm the link cache and the day's IP salt first, as a live isolate would have them.
  await fetch(`${served.url}/c/${fixtures.clickLink}`, { headers: human, redirect: "manual" });
  const perClick = await perRequest(SAMPLE, () => `${served.url}/c/${fixtures.clickLink}`, human);
  const perBotHit = await perRequest(SAMPLE, () => `${served.url}/c/${fixtures.botLink}`, {
    "User-Agent": BOT_UA,
  });
  const perConversion = await perRequest(
    SAMPLE,
    (i) =>
      `${served.url}/?key=${fixtures.key}&id=rows-${i}&amount=10&currency=EUR&cids=${fixtures.postbackClicks[i]}`,
    {},
  );

  // The pipeline at a steady click rate: what reaches the queue and D1 per second.
  const clickRate = smoke ? 200 : 1000;
  await meter(true);
  const steady = await load({
    url: `${served.url}/c/${fixtures.clickLink}`,
    seconds: s.seconds,
    connections: s.connections,
    rate: clickRate,
    pid: served.pid,
    headers: human,
  });
  await settle(meter);
  const piped = await meter();
  const pipeline = {
    clickRate: steady.requests / steady.seconds,
    clicks: steady.requests,
    d1StatementsPerSecond: piped.statements / steady.seconds,
    messagesPerSecond: piped.messages / steady.seconds,
    clicksPerMessage: steady.requests / Math.max(1, piped.messages),
    bytesPerMessage: piped.messageBytes / Math.max(1, piped.messages),
    rowsWrittenPerClick: piped.rowsWritten / steady.requests,
  };

  const flood = await floodScenario(served, fixtures, meter, s, smoke);
  const statementCost = (await (await fetch(`${served.url}/__meter/statement-cost`)).json()) as {
    singleInsertMs: number;
    hundredRowInsertMs: number;
  };
  // The same clicks written with one database, then three (bench/worker/shard-capacity.ts).
  const capacityClicks = smoke ? 2_000 : 30_000;
  const capacity = async (shards: 1 | 3) =>
    (await (
      await fetch(`${served.url}/__meter/shard-capacity?shards=${shards}&clicks=${capacityClicks}`)
    ).json()) as ShardCapacity;
  // One database, then three, in turn over rounds (D1's busy time is coarse and this machine
  // noisy); the round whose gain is the median is reported.
  const rounds: { one: ShardCapacity; three: ShardCapacity }[] = [];
  for (let round = 0; round < (smoke ? 1 : 5); round++) {
    rounds.push({ one: await capacity(1), three: await capacity(3) });
  }
  const gain = (r: (typeof rounds)[number]) => r.three.clicksPerSecond / r.one.clicksPerSecond;
  const shards = [...rounds].sort((a, b) => gain(a) - gain(b))[
    Math.floor(rounds.length / 2)
  ] as (typeof rounds)[number];
  const shardGains = rounds.map(gain);
  await served.mf.dispose();
  return {
    shards: { ...shards, gains: shardGains },
    rows: { perClick, perConversion, perBotHit: { written: perBotHit.written } },
    pipeline,
    flood,
    statementCost,
  };
}
