import type { ClickBatch } from "../domain/click-batch";
import { newId } from "../domain/ids";
import { logEvent, reasonOf } from "../platform/log";
import { type RetryPolicy, withRetries } from "../platform/timers";
import { commitClickBatches } from "../storage/click-shard-writes";
import { reduceLegacyClicks } from "./click-hashes";

/** 0.1, 0.4, 1.6, 6.4 s between tries: well inside the 30 s a `waitUntil` allows. */
export const CLICK_WRITE_RETRIES: RetryPolicy = { attempts: 5, baseDelayMs: 100 };

/** Counters alone: a lost increment is tolerable, so one retry. */
export const COUNT_RETRIES: RetryPolicy = { attempts: 2, baseDelayMs: 100 };

/**
 * One attempt at writing `batches`: the click flow's one writer. The queue's consumer calls it, and
 * the producer's fallbacks and the batched and direct modes through `writeClicksWithRetries`.
 * Each batch is written exactly once, one transaction per shard, whatever is retried
 * (`clickBatchStatements`); it throws what D1 threw, for the caller or the queue to retry.
 */
export async function writeClicks(env: Env, batches: ClickBatch[]): Promise<void> {
  const reduced = await Promise.all(batches.map(reduceLegacyClicks));
  await commitClickBatches(env, reduced, newId(), Date.now());
}

/** Every click of `batches`, logged for replay (without its IP hash) because it was not written. */
export function logLostClicks(batches: ClickBatch[], reason: string, attempts: number): void {
  for (const batch of batches) {
    for (const { ipHash: _hidden, ...click } of batch.clicks) {
      logEvent("click_write_failed", { attempts, reason, batch: batch.id, click }, "error");
    }
    if (batch.hits.length)
      logEvent("count_failed", { reason, batch: batch.id, deltas: batch.hits }, "error");
  }
}

/** `writeClicks` with retries; what still cannot be written is logged for replay. */
export async function writeClicksWithRetries(
  env: Env,
  batches: ClickBatch[],
  policy: RetryPolicy = batches.some((b) => b.clicks.length) ? CLICK_WRITE_RETRIES : COUNT_RETRIES,
): Promise<boolean> {
  if (!batches.length) return true;
  try {
    await withRetries(() => writeClicks(env, batches), policy);
    return true;
  } catch (error) {
    logLostClicks(batches, reasonOf(error), policy.attempts);
    return false;
  }
}
