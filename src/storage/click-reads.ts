import type { Click } from "../domain/entities";
import { type ClickRow, erasePersonalFieldsIn, getClickIn, selectClicks, toClick } from "./clicks";
import { byShard, clickDb, shardDb } from "./shards";

/** Clicks read from their shards: the aecid says which (storage/shards.ts). */

export function getClick(env: Env, aecid: string): Promise<Click | null> {
  return getClickIn(clickDb(env, aecid), aecid);
}

export function erasePersonalFields(env: Env, aecid: string): Promise<Click | null> {
  return erasePersonalFieldsIn(clickDb(env, aecid), aecid);
}

/** The clicks among `ids`, read from every shard concerned in parallel. */
export async function readClicks(env: Env, ids: string[]): Promise<Map<string, Click>> {
  const found = new Map<string, Click>();
  if (!ids.length) return found;
  await Promise.all(
    [...byShard(env, ids, (id) => id)].map(async ([binding, mine]) => {
      const { results } = await selectClicks(shardDb(env, binding), mine).all<ClickRow>();
      for (const row of results) found.set(row.id, toClick(row));
    }),
  );
  return found;
}
