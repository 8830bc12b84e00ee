import { config } from "../config";
import { allShards, type ShardPlan, shardOf } from "../domain/shards";

/** The click shards: which D1 database holds which click (see domain/shards.ts). */

/** The main database's binding: programs, links, conversions, logs, and counters of hits. */
export const MAIN_DB = "DB";

function planOf(env: Env): ShardPlan {
  const plan = config(env).clickShards;
  if ("problem" in plan) throw new Error(plan.problem);
  return plan;
}

/** The D1 database bound as `binding`; a plan naming an unbound one is a deploy mistake. */
export function shardDb(env: Env, binding: string): D1Database {
  const db = (env as unknown as Record<string, unknown>)[binding] as D1Database | undefined;
  if (typeof db?.prepare !== "function")
    throw new Error(`CLICK_SHARDS names ${binding}, which is not a D1 binding of this Worker`);
  return db;
}

/** The database that holds (or will hold) the click `aecid`. */
export function clickDb(env: Env, aecid: string): D1Database {
  return shardDb(env, shardOf(aecid, planOf(env)));
}

/** Every click database, each once: where retention, erasure and reports must look. */
export function everyClickDb(env: Env): { binding: string; db: D1Database }[] {
  return allShards(planOf(env)).map((binding) => ({ binding, db: shardDb(env, binding) }));
}

/** Items grouped by the binding of their click's shard. */
export function byShard<T>(env: Env, items: T[], aecidOf: (item: T) => string): Map<string, T[]> {
  const plan = planOf(env);
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const binding = shardOf(aecidOf(item), plan);
    const group = groups.get(binding);
    if (group) group.push(item);
    else groups.set(binding, [item]);
  }
  return groups;
}
