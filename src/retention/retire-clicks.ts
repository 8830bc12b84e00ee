import { clickCutoffs, QueryAllowance } from "../domain/retention";
import {
  convertedAmong,
  deleteOldTextIdClicks,
  oldClickIds,
  programWindows,
  retireClicks,
} from "../storage/retention";
import { everyClickDb } from "../storage/shards";

/** Statements one batch of clicks costs: the read, the conversions asked, the delete and erase. */
const PER_BATCH = 4;

export interface ClickRetirement {
  deleted: number;
  erased: number;
  /** A shard's share ran out with a full last batch: the next run goes on with it. */
  unfinished: boolean;
}

/**
 * Every shard's clicks past retention *and* past their program's attribution window, a batch at
 * a time: the unconverted deleted, the converted kept but erased (conversions are in the main
 * database, so each batch asks it which are). Each shard gets an equal part of `statements`;
 * what is left is found again by the next run (the scan starts from the oldest click left).
 */
export async function retireOldClicks(
  env: Env,
  now: number,
  retentionDays: number,
  batch: number,
  statements: number,
): Promise<ClickRetirement> {
  const cutoffs = clickCutoffs(now, retentionDays, await programWindows(env.DB));
  const shards = everyClickDb(env);
  const share = Math.floor((statements - 1) / shards.length);
  let deleted = 0;
  let erased = 0;
  let unfinished = false;
  for (const { db } of shards) {
    const allowance = new QueryAllowance(share);
    // Within a run the scan moves on past the clicks a program still keeps.
    let after = "";
    // The previous release's rows (migration 0009): copies of clicks kept below in today's form,
    // so they go once past the longest any program keeps; counted with neither.
    while (allowance.take(1)) {
      if ((await deleteOldTextIdClicks(db, cutoffs.fallback, batch)) < batch) break;
    }
    for (;;) {
      if (!allowance.take(PER_BATCH)) {
        unfinished = true;
        break;
      }
      const ids = await oldClickIds(db, cutoffs, after, batch);
      if (!ids.length) break;
      const converted = await convertedAmong(env.DB, ids);
      const done = await retireClicks(
        db,
        ids.filter((id) => !converted.has(id)),
        ids.filter((id) => converted.has(id)),
      );
      deleted += done.deleted;
      erased += done.erased;
      after = ids[ids.length - 1] as string;
      if (ids.length < batch) break;
    }
  }
  return { deleted, erased, unfinished };
}
