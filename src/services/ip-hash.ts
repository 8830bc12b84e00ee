import { hmacHex } from "../domain/secrets";
import { dailySalt } from "../storage/ip-salts";
import { utcDay } from "../storage/link-counts";

/** This isolate's copy of the day's salt; at most one D1 round trip per isolate and day. */
let cached: { day: string; salt: Promise<string> } | null = null;

/**
 * The IP as stored: HMAC-SHA-256 keyed with IP_HASH_KEY and the day's salt, never the IP itself.
 * Without IP_HASH_KEY, or if the salt cannot be had, nothing is stored (the click still is).
 */
export async function ipHash(env: Env, ip: string | null, now: number): Promise<string | null> {
  if (!ip || !env.IP_HASH_KEY) return null;
  const day = utcDay(now);
  if (cached?.day !== day) cached = { day, salt: dailySalt(env.DB, day, now) };
  try {
    return await hmacHex(`${env.IP_HASH_KEY}:${await cached.salt}`, ip);
  } catch {
    cached = null;
    return null;
  }
}
