import type { ClickBatch } from "../domain/click-batch";
import { deviceLabel } from "../domain/device";
import { type Click, type UnsavedClick, utcDay } from "../domain/entities";
import { newId, toHex } from "../domain/ids";
import { logEvent, reasonOf } from "../platform/log";
import { type RetryPolicy, withRetries } from "../platform/timers";
import { writeClickBatchesToShards } from "../storage/click-shard-writes";
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
 * The clicks as stored, made before they leave the isolate: the IP reduced to its daily keyed hash
 * (one per distinct address and day), the user agent to a device label and a hash. Neither the raw
 * IP nor the user agent goes to the queue or the database.
 */
export async function hashClicks(env: Env, pending: PendingClick[]): Promise<Click[]> {
  // A batch holds a handful of addresses and user agents: each is hashed (and labelled) once, and
  // the batch waits on those few promises rather than one per click.
  const ipKey = ({ click, ip }: PendingClick) => `${ip}|${utcDay(click.createdAt)}`;
  const ips = new Map<string, Promise<string | null>>();
  const agents = new Map<string, Promise<string>>();
  for (const p of pending) {
    const key = ipKey(p);
    if (!ips.has(key)) ips.set(key, ipHash(env, p.ip, p.click.createdAt));
    const agent = p.click.userAgent;
    if (agent && !agents.has(agent)) agents.set(agent, userAgentHash(agent));
  }
  const ipHashes = await settled(ips);
  const uaHashes = await settled(agents);
  const devices = new Map([...agents.keys()].map((agent) => [agent, deviceLabel(agent)]));
  return pending.map((p) => {
    const { userAgent, ...rest } = p.click;
    return {
      ...rest,
      ipHash: ipHashes.get(ipKey(p)) ?? null,
      device: userAgent ? (devices.get(userAgent) ?? null) : null,
      uaHash: userAgent ? (uaHashes.get(userAgent) ?? null) : null,
    };
  });
}

async function settled<V>(promises: Map<string, Promise<V>>): Promise<Map<string, V>> {
  const keys = [...promises.keys()];
  const values = await Promise.all(promises.values());
  return new Map(keys.map((key, i) => [key, values[i] as V]));
}

/** A click as it would be stored, without its hashes (for the log of a click that was not sent). */
export function withoutHashes({ userAgent, ...click }: UnsavedClick): Click {
  return { ...click, ipHash: null, device: deviceLabel(userAgent), uaHash: null };
}

/** 16 bytes of SHA-256 of the whole user agent, as hex. */
async function userAgentHash(userAgent: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(userAgent));
  return toHex(digest).slice(0, 32);
}

/** Clicks of a v1 message (sent before the upgrade) carried the whole user agent: reduced now. */
export async function reduceLegacyClicks(batch: ClickBatch): Promise<ClickBatch> {
  if (!batch.clicks.some((c) => c.legacyUserAgent !== undefined)) return batch;
  const clicks = await Promise.all(
    batch.clicks.map(async ({ legacyUserAgent, ...click }) =>
      legacyUserAgent
        ? {
            ...click,
            device: deviceLabel(legacyUserAgent),
            uaHash: await userAgentHash(legacyUserAgent),
          }
        : click,
    ),
  );
  return { ...batch, clicks };
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
 * Writes batches straight to D1, one transaction per shard, with retries: exactly once whatever is
 * retried (see `clickBatchStatements`). What cannot be written is logged for replay.
 */
export async function writeClickBatches(
  env: Env,
  batches: ClickBatch[],
  policy: RetryPolicy = batches.some((b) => b.clicks.length) ? CLICK_WRITE_RETRIES : COUNT_RETRIES,
): Promise<boolean> {
  if (!batches.length) return true;
  try {
    await withRetries(() => writeClickBatchesToShards(env, batches, newId(), Date.now()), policy);
    return true;
  } catch (error) {
    logLostClicks(batches, reasonOf(error), policy.attempts);
    return false;
  }
}
