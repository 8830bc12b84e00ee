import type { Click, UnsavedClick } from "../domain/entities";
import { utcDay } from "../domain/entities";
import { logEvent, reasonOf } from "../platform/log";
import { type RetryPolicy, withRetries } from "../platform/timers";
import { insertClicksStatement } from "../storage/clicks";
import { addCountsStatement, type CountDelta, countDeltas } from "../storage/link-counts";
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

/** The day's IP hash, computed once per distinct address and day in a batch. */
function hasher(env: Env) {
  const hashes = new Map<string, Promise<string | null>>();
  return (ip: string | null, at: number) => {
    const key = `${ip}|${utcDay(at)}`;
    let hash = hashes.get(key);
    if (!hash) {
      hash = ipHash(env, ip, at);
      hashes.set(key, hash);
    }
    return hash;
  };
}

/**
 * Writes clicks and counter increments in one D1 round trip: the clicks in one statement, their
 * day's counts in one upsert, the bot hits and impressions in another. The insert is idempotent
 * (the aecid is the key) and the click counts only follow rows really written, so a retry after an
 * ambiguous failure duplicates nothing. A click lost anyway is logged, without its IP hash, so it
 * can be replayed.
 */
export async function writeClicks(
  env: Env,
  pending: PendingClick[],
  hits: CountDelta[],
  policy: RetryPolicy = pending.length ? CLICK_WRITE_RETRIES : COUNT_RETRIES,
): Promise<void> {
  const hashOf = hasher(env);
  const rows: Click[] = await Promise.all(
    pending.map(async ({ click, ip }) => ({ ...click, ipHash: await hashOf(ip, click.createdAt) })),
  );
  const statements: D1PreparedStatement[] = [];
  if (rows.length) {
    statements.push(insertClicksStatement(env.DB, rows));
    const clickCounts = countDeltas(
      rows.map((c) => ({ linkId: c.linkId, at: utcDay(c.createdAt), counter: "clicks" })),
    );
    statements.push(addCountsStatement(env.DB, clickCounts, true));
  }
  if (hits.length) statements.push(addCountsStatement(env.DB, hits));
  if (!statements.length) return;
  try {
    await withRetries(() => env.DB.batch(statements), policy);
  } catch (error) {
    const reason = reasonOf(error);
    for (const { ipHash: _hidden, ...click } of rows) {
      logEvent("click_write_failed", { attempts: policy.attempts, reason, click }, "error");
    }
    if (hits.length) logEvent("count_failed", { reason, deltas: hits }, "error");
  }
}
