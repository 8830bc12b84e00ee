// How a scenario is measured: throughput with every connection busy, then latency at a capped
// rate over one connection; and the tracked redirect against the bare 302, round by round.
import { type LoadOptions, type LoadResult, load } from "./load.ts";

export type Target = Omit<LoadOptions, "seconds" | "connections">;

export interface Settings {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  rate: number;
  rounds: number;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Throughput (closed loop), then p50/p99 at `rate` over one connection, with no queue in front. */
export async function measure(target: Target, s: Settings): Promise<LoadResult> {
  const throughput = await load({ ...target, seconds: s.seconds, connections: s.connections });
  const latency = await load({ ...target, seconds: s.seconds, connections: 1, rate: s.rate });
  return { ...throughput, p50: latency.p50, p99: latency.p99 };
}

/** A warm-up, then the measure. */
export async function scenario(target: Target, s: Settings): Promise<LoadResult> {
  await load({ ...target, seconds: s.warmupSeconds, connections: s.connections });
  return measure(target, s);
}

/**
 * The machine is shared and noisy: bare and tracked alternate over several rounds, and each
 * figure is the median of its rounds (the ratio and the added p99 are taken round by round).
 */
export async function againstBare(bare: Target, tracked: Target, s: Settings) {
  await load({ ...bare, seconds: s.warmupSeconds, connections: s.connections });
  await load({ ...tracked, seconds: s.warmupSeconds, connections: s.connections });
  const pairs: { bare: LoadResult; tracked: LoadResult }[] = [];
  for (let round = 0; round < s.rounds; round++) {
    pairs.push({ bare: await measure(bare, s), tracked: await measure(tracked, s) });
  }
  const combine = (side: "bare" | "tracked"): LoadResult => {
    const of = (pick: (r: LoadResult) => number) => median(pairs.map((p) => pick(p[side])));
    return {
      ...(pairs[pairs.length - 1]?.[side] as LoadResult),
      rps: of((r) => r.rps),
      p50: of((r) => r.p50),
      p99: of((r) => r.p99),
      cpuMsPerRequest: of((r) => r.cpuMsPerRequest),
    };
  };
  return {
    bare: combine("bare"),
    tracked: combine("tracked"),
    ratio: median(pairs.map((p) => p.tracked.rps / p.bare.rps)),
    addedP99: median(pairs.map((p) => p.tracked.p99 - p.bare.p99)),
  };
}
