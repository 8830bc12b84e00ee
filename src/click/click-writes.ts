import type { ClickBatch } from "../domain/click-batch";
import { type Click, type UnsavedClick, utcDay } from "../domain/entities";
import { newId } from "../domain/ids";
import { logEvent, reasonOf } from "../platform/log";
import { type RetryPolicy, withRetries } from "../platform/timers";
import { clickBatchStatements } from "../storage/click-batches";
import { ipHash } from "./ip-hash";

/** A click waiting to be written, with the IP its hash is made from (the IP itself is never kept). */
export interface PendingClick {
  click: UnsavedClick;
  ip: string | null;
}

/** 0.1, 0.4, 1.6, 6.4 s between tries: well inside the 30 s a `waitUntil` allows. */
export const CLICK_WRITE_RETRIES: RetryPolicy = { attempts: 5, baseDelayMs: 100 };

/** Counters alone: a lost increment is tolerable, so one retry. */
export const COUNT_RETRIES: RetryPolicy = { attempts: 2, baseDelayMs: 100 };

/**
 * The clicks with their IP hashes, made before they leave the isolate: no raw IP goes to the
 * queue or the database. One hash per distinct address and day.
 */
export async function hashClicks(env: Env, pending: PendingClick[]): Promise<Click[]> {
  const hashes = new Map<string, Promise<string | null>>();
  return Promise.all(
    pending.map(async ({ click, ip }) => {
      const key = `${ip}|${utcDay(click.createdAt)}`;
      let hash = hashes.get(key);
      if (!hash) {
        hash = ipHash(env, ip, click.createdAt);
        hashes.set(key, hash);
      }
      return { ...click, ipHash: await hash };
    }),
  );
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

/**
 * Writes batches straight to D1, in one transaction, with retries: exactly once whatever is
 * retried (see `clickBatchStatements`). What cannot be written is logged for replay.
 */
export async function writeClickBatches(
  env: Env,
  batches: ClickBatch[],
  policy: RetryPolicy = batches.some((b) => b.clicks.length) ? CLICK_WRITE_RETRIES : COUNT_RETRIES,
): Promise<boolean> {
  if (!batches.length) return true;
  try {
    await withRetries(
      () => env.DB.batch(clickBatchStatements(env.DB, batches, newId(), Date.now())),
      policy,
    );
    return true;
  } catch (error) {
    logLostClicks(batches, reasonOf(error), policy.attempts);
    return false;
  }
}
