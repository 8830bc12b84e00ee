// The isolate's CPU per webhook event (isolate-cpu.ts), round by round, for one source mode:
// what `npm run bench:sources` records, measured as `npm run bench:profile` measures a postback.
import { billedMs, isolateShare, profiled } from "./isolate-cpu.ts";
import { load } from "./load.ts";
import { durableObjectMs } from "./self-time.ts";
import type { Served } from "./servers.ts";
import { type SourceMode, sourceRequests } from "./source-modes.ts";
import type { SourceFixtures } from "./source-requests.ts";

export interface ModeCpu {
  /** The isolate's JavaScript and GC, ms per event, each round. */
  rounds: number[];
  /** The same without the Durable Objects' share (self-time.ts): the Worker's own. */
  workerRounds: number[];
  requests: number;
  statuses: Record<string, number>;
}

export interface CpuSettings {
  rounds: number;
  seconds: number;
  connections: number;
}

/** Events per second this machine takes at most: the clicks a mode may use up, with room. */
export const clicksFor = (s: CpuSettings) => Math.ceil((s.rounds * s.seconds + 1) * 2000);

export async function sourceCpu(
  served: Served,
  mode: SourceMode,
  f: SourceFixtures,
  clicks: string[],
  s: CpuSettings,
  /** The built script's text, where the Durable Objects' code is found. */
  script: string,
): Promise<ModeCpu> {
  const profiler = served.profiler;
  if (!profiler) throw new Error("served without a profiler");
  const nextRequest = await sourceRequests(served, mode, f, clicks);
  const run = (seconds: number) =>
    load({
      url: `${served.url}/`,
      method: "POST",
      seconds,
      connections: s.connections,
      pid: served.pid,
      nextRequest,
    });
  await run(1); // warm-up: JIT, caches, D1 pages
  const result: ModeCpu = { rounds: [], workerRounds: [], requests: 0, statuses: {} };
  for (let round = 0; round < s.rounds; round++) {
    const { profile, result: loaded } = await profiled(profiler, () => run(s.seconds));
    const billed = billedMs(isolateShare(profile));
    const objects = durableObjectMs(profile, script);
    result.rounds.push(billed / loaded.requests);
    result.workerRounds.push((billed - objects.objectMs - objects.callMs) / loaded.requests);
    result.requests += loaded.requests;
    for (const [status, n] of Object.entries(loaded.statuses))
      result.statuses[status] = (result.statuses[status] ?? 0) + n;
  }
  return result;
}
