import { config } from "../config";
import type { ClickBatch } from "../domain/click-batch";
import { clickBatchStatements } from "./click-batches";
import { byShard, MAIN_DB, shardDb } from "./shards";

/**
 * Writes click batches across the shards: each batch is split by its clicks' shards, and each
 * shard writes its share in its own transaction (the batch's receipt there makes a redelivery a
 * no-op in that shard), all shards at once. Bot hits and impressions stay with the main database,
 * whose reports join them to links. A shard that fails fails the whole write: the queue retries it,
 * and the shards that did commit find their receipts.
 */
export async function commitClickBatches(
  env: Env,
  batches: ClickBatch[],
  runId: string,
  now: number,
): Promise<void> {
  const shares = new Map<string, ClickBatch[]>();
  const share = (binding: string, part: ClickBatch) => {
    const list = shares.get(binding);
    if (list) list.push(part);
    else shares.set(binding, [part]);
  };
  for (const batch of batches) {
    const groups = byShard(env, batch.clicks, (click) => click.id);
    if (batch.hits.length && !groups.has(MAIN_DB)) groups.set(MAIN_DB, []);
    for (const [binding, clicks] of groups) {
      share(binding, { id: batch.id, clicks, hits: binding === MAIN_DB ? batch.hits : [] });
    }
  }
  const cap = config(env).reportValueCap;
  await Promise.all(
    [...shares].map(([binding, parts]) => {
      const db = shardDb(env, binding);
      return db.batch(clickBatchStatements(db, parts, runId, now, cap));
    }),
  );
}
