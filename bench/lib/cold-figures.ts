// The cold-start figures: for each Worker, the time from a fresh runtime to its first answer,
// and, round by round, how it compares with the bare Workers started in the same round. Ratios
// are taken within a round (the machine's load at that moment is in both sides), then summed up
// as a median and range over the rounds. Each cold start is timed twice: from Miniflare's start
// (what this machine waits), and from workerd's spawn (what a Cloudflare isolate pays: Miniflare's
// Node-side work before the spawn, serializing a configuration that carries the whole script, has
// no counterpart there). The goal is judged on the second.
import { type Spread, spreadOf } from "./spread.ts";

/** One fresh runtime, one Worker, one first request. */
export interface ColdSample {
  /** `new Miniflare` to its spawning workerd: Miniflare's own Node-side work (workerd-spawn.ts). */
  spawnMs: number;
  /** `new Miniflare` to its socket listening: workerd up, the script compiled, its top level run. */
  startMs: number;
  /** The first request sent to its answer read whole. */
  firstMs: number;
  /** workerd's process CPU from its start to the first answer (the kernel counts in 10 ms ticks). */
  cpuMs: number;
  /** This Node process's CPU over the same span: Miniflare reading the script, configuring workerd. */
  hostCpuMs: number;
  status: number;
}

/** One round: every Worker's sample, by name. */
export type ColdRound = Record<string, ColdSample>;

/** The bare 302 alone, and the bare 302 with the tracker's bindings (D1, Durable Objects, Queues). */
export const BARE = "bare";
export const BOUND = "bare, same bindings";
/** The tracker's three paths, and the redirect of the bundle from before the split. */
export const REDIRECT = "redirect";
export const POSTBACK = "postback";
export const OPENAPI = "openapi.json";
export const BEFORE_REDIRECT = "redirect, before the split";

export interface ColdFigure {
  spawnMs: Spread;
  startMs: Spread;
  firstMs: Spread;
  /** startMs + firstMs: `new Miniflare` to the first answer. */
  totalMs: Spread;
  /** totalMs − spawnMs: workerd's spawn to the first answer. */
  fromSpawnMs: Spread;
  cpuMs: Spread;
  hostCpuMs: Spread;
  /** totalMs ÷ the bare Worker's, round by round. */
  vsBare: Spread;
  /** totalMs ÷ that of the bare Worker with the same bindings: the simulators' start-up on both sides. */
  vsBound: Spread;
  /** totalMs − that of the bare Worker with the same bindings: what the Worker's own code adds. */
  addedMs: Spread;
  /** fromSpawnMs ÷ the bare Worker's, round by round. */
  fromSpawnVsBare: Spread;
  /** fromSpawnMs ÷ that of the bare Worker with the same bindings: what the 1.5× goal is judged on. */
  fromSpawnVsBound: Spread;
  /** fromSpawnMs − that of the bare Worker with the same bindings. */
  fromSpawnAddedMs: Spread;
  /** The first answer alone (after listening) ÷ the bare Worker's with the same bindings. */
  firstVsBound: Spread;
  /** Every status the first answers had (a cold start that answers 500 is no cold start). */
  statuses: number[];
}

export const totalOf = (s: ColdSample) => s.startMs + s.firstMs;
export const fromSpawnOf = (s: ColdSample) => totalOf(s) - s.spawnMs;

/** Each Worker's figures, from the rounds that measured it and both bare Workers. */
export function coldFigures(rounds: ColdRound[]): Record<string, ColdFigure> {
  const names = [...new Set(rounds.flatMap((round) => Object.keys(round)))];
  const figures: Record<string, ColdFigure> = {};
  for (const name of names) {
    const paired = rounds.flatMap((round) => {
      const own = round[name];
      const bare = round[BARE];
      const bound = round[BOUND];
      return own && bare && bound ? [{ own, bare, bound }] : [];
    });
    const of = (f: (p: (typeof paired)[number]) => number) => spreadOf(paired.map(f));
    figures[name] = {
      spawnMs: of((p) => p.own.spawnMs),
      startMs: of((p) => p.own.startMs),
      firstMs: of((p) => p.own.firstMs),
      totalMs: of((p) => totalOf(p.own)),
      fromSpawnMs: of((p) => fromSpawnOf(p.own)),
      cpuMs: of((p) => p.own.cpuMs),
      hostCpuMs: of((p) => p.own.hostCpuMs),
      vsBare: of((p) => totalOf(p.own) / totalOf(p.bare)),
      vsBound: of((p) => totalOf(p.own) / totalOf(p.bound)),
      addedMs: of((p) => totalOf(p.own) - totalOf(p.bound)),
      fromSpawnVsBare: of((p) => fromSpawnOf(p.own) / fromSpawnOf(p.bare)),
      fromSpawnVsBound: of((p) => fromSpawnOf(p.own) / fromSpawnOf(p.bound)),
      fromSpawnAddedMs: of((p) => fromSpawnOf(p.own) - fromSpawnOf(p.bound)),
      firstVsBound: of((p) => p.own.firstMs / p.bound.firstMs),
      statuses: [...new Set(paired.map((p) => p.own.status))].sort((a, b) => a - b),
    };
  }
  return figures;
}

/**
 * Issue 23: a cold first redirect within 1.5× of the bare Worker's cold first answer, judged from
 * workerd's spawn, against the bare Worker with the same bindings.
 */
export const COLD_GOAL = 1.5;

/** Met when the median round is within the goal; `certain` when every round is. */
export function coldGoal(figure: ColdFigure, limit = COLD_GOAL) {
  const ratio = figure.fromSpawnVsBound;
  return {
    ratio,
    met: ratio.median <= limit,
    certain: ratio.max <= limit || ratio.min > limit,
  };
}
