import type { ClickBatch } from "../domain/click-batch";
import { deviceLabel } from "../domain/device";
import { type Click, type UnsavedClick, utcDay } from "../domain/entities";
import { toHex } from "../domain/ids";
import { ipHash } from "./ip-hash";

/** A click waiting to be written, with the IP its hash is made from (the IP itself is never kept). */
export interface PendingClick {
  click: UnsavedClick;
  ip: string | null;
}

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
