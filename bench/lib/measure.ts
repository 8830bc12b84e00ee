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
  /** The latency phase's length; default `seconds`. */
  latencySeconds?: number;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Throughput (closed loop), then p50/p99 at `rate` over one connection, with no queue in front. */
export async function measure(target: Target, s: Settings): Promise<LoadResult> {
  const throughput = await load({ ...target, seconds: s.seconds, connections: s.connections });
  const latency = await load({
    ...target,
    seconds: s.latencySeconds ?? s.seconds,
    connections: 1,
    rate: s.rate,
  });
  return { ...throughput, p50: latency.p50, p99: latency.p99 };
}

/** A warm-up, then the measure. */
export async function scenario(target: Target, s: Settings): Promise<LoadResult> {
  await load({ ...target, seconds: s.warmupSeconds, connections: s.connections });
  return measure(target, s);
}

export interface VersusBare {
  result: LoadResult;
  /** Median over rounds of throughput ÷ the bare 302's, measured in the same round. */
  ratio: number;
  addedP50: number;
  addedP99: number;
}

/**
 * The machine is shared and noisy: the bare 302 and each build alternate over several rounds,
 * and each figure is the median of its rounds (ratios and added latencies round by round).
 */
export async function againstBare<K extends string>(
  bare: Target,
  builds: Record<K, Target>,
  s: Settings,
): Promise<{ bare: LoadResult } & Record<K, VersusBare>> {
  const names = Object.keys(builds) as K[];
  await load({ ...bare, seconds: s.warmupSeconds, connections: s.connections });
  for (const name of names) {
    await load({ ...builds[name], seconds: s.warmupSeconds, connections: s.connections });
  }
  const rounds: { bare: LoadResult; builds: Record<K, LoadResult> }[] = [];
  for (let round = 0; round < s.rounds; round++) {
    const baseline = await measure(bare, s);
    const measured = {} as Record<K, LoadResult>;
    for (const name of names) measured[name] = await measure(builds[name], s);
    rounds.push({ bare: baseline, builds: measured });
  }
  const combine = (pick: (r: (typeof rounds)[number]) => LoadResult): LoadResult => {
    const of = (field: (r: LoadResult) => number) => median(rounds.map((r) => field(pick(r))));
    return {
      ...pick(rounds[rounds.length - 1] as (typeof rounds)[number]),
      rps: of((r) => r.rps),
      p50: of((r) => r.p50),
      p99: of((r) => r.p99),
      cpuMsPerRequest: of((r) => r.cpuMsPerRequest),
    };
  };
  const out = { bare: combine((r) => r.bare) } as { bare: LoadResult } & Record<K, VersusBare>;
  for (const name of names) {
    const mine = (r: (typeof rounds)[number]) => r.builds[name];
    (out as Record<K, VersusBare>)[name] = {
      result: combine(mine),
      ratio: median(rounds.map((r) => mine(r).rps / r.bare.rps)),
      addedP50: median(rounds.map((r) => mine(r).p50 - r.bare.p50)),
      addedP99: median(rounds.map((r) => mine(r).p99 - r.bare.p99)),
    };
  }
  return out;
}
