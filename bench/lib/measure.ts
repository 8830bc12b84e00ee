// How a scenario is measured: throughput with every connection busy, then latency at a capped
// rate over one connection; and the tracked redirect against the bare 302, round by round.
import { type Profiler, withIsolateCpu } from "./isolate-cpu.ts";
import { type LoadOptions, type LoadResult, load } from "./load.ts";
import { median, type Spread, spreadOf } from "./spread.ts";

export { median };

/** What to load; with `profiler`, the throughput phase also measures the isolate's own CPU. */
export type Target = Omit<LoadOptions, "seconds" | "connections"> & { profiler?: Profiler };

export interface Settings {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  rate: number;
  rounds: number;
  /** The latency phase's length; default `seconds`. */
  latencySeconds?: number;
}

const loadOf = ({ profiler: _, ...options }: Target) => options;

/** Throughput (closed loop), then p50/p99 at `rate` over one connection, with no queue in front. */
export async function measure(target: Target, s: Settings): Promise<LoadResult> {
  const { profiler } = target;
  const options = loadOf(target);
  const busy = () => load({ ...options, seconds: s.seconds, connections: s.connections });
  const throughput = profiler ? await withIsolateCpu(profiler, busy) : await busy();
  const latency = await load({
    ...options,
    seconds: s.latencySeconds ?? s.seconds,
    connections: 1,
    rate: s.rate,
  });
  return { ...throughput, p50: latency.p50, p99: latency.p99 };
}

/** A warm-up, then the measure. */
export async function scenario(target: Target, s: Settings): Promise<LoadResult> {
  await load({ ...loadOf(target), seconds: s.warmupSeconds, connections: s.connections });
  return measure(target, s);
}

export interface VersusBare {
  result: LoadResult;
  /** Median over rounds of throughput ÷ the bare 302's, measured in the same round. */
  ratio: number;
  addedP50: number;
  addedP99: number;
  /** Each ratio to the bare 302's, round by round: its median and range. */
  spread: {
    throughput: Spread;
    processCpu: Spread;
    /** The isolate's own CPU per request ÷ the bare's (NaN unless both were profiled). */
    isolateCpu: Spread;
  };
  /** The isolate's own CPU ms per request over the rounds. */
  isolateCpuMs: Spread;
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
  const warm = (target: Target) =>
    load({ ...loadOf(target), seconds: s.warmupSeconds, connections: s.connections });
  await warm(bare);
  for (const name of names) await warm(builds[name]);
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
      isolateCpuMs: of((r) => r.isolateCpuMs ?? Number.NaN),
    };
  };
  const out = { bare: combine((r) => r.bare) } as { bare: LoadResult } & Record<K, VersusBare>;
  for (const name of names) {
    const mine = (r: (typeof rounds)[number]) => r.builds[name];
    const ratios = (field: (r: LoadResult) => number) =>
      spreadOf(rounds.map((r) => field(mine(r)) / field(r.bare)));
    const throughput = ratios((r) => r.rps);
    (out as Record<K, VersusBare>)[name] = {
      result: combine(mine),
      ratio: throughput.median,
      addedP50: median(rounds.map((r) => mine(r).p50 - r.bare.p50)),
      addedP99: median(rounds.map((r) => mine(r).p99 - r.bare.p99)),
      spread: {
        throughput,
        processCpu: ratios((r) => r.cpuMsPerRequest),
        isolateCpu: ratios((r) => r.isolateCpuMs ?? Number.NaN),
      },
      isolateCpuMs: spreadOf(rounds.map((r) => mine(r).isolateCpuMs ?? Number.NaN)),
    };
  }
  return out;
}
