import { utcDay } from "../domain/entities";
import { hmacHex } from "../domain/secrets";
import { withTimeout } from "../platform/timers";
import { dailySalt } from "../storage/ip-salts";

/** This isolate's copy of the day's salt; at most one D1 round trip per isolate and day. */
let cached: { day: string; salt: Promise<string> } | null = null;
export const SALT_READ_TIMEOUT_MS = 3_000;

/**
 * The IP as stored: HMAC-SHA-256 keyed with IP_HASH_KEY and the day's salt, never the IP itself.
 * Without IP_HASH_KEY, or if the salt cannot be had, nothing is stored (the click still is).
 */
export async function ipHash(env: Env, ip: string | null, now: number): Promise<string | null> {
  if (!ip || !env.IP_HASH_KEY) return null;
  const day = utcDay(now);
  if (cached?.day !== day) {
    // Shared by every later click of the isolate: a read that never settles (its request was
    // cancelled) is given up on, and the next click asks D1 again.
    const salt = withTimeout(dailySalt(env.DB, day, now), SALT_READ_TIMEOUT_MS, () => {
      throw new Error("salt read timed out");
    });
    cached = { day, salt };
  }
  const mine = cached;
  try {
    // 16 bytes are plenty to tell addresses apart within a day, and half the stored size.
    return (await hmacHex(`${env.IP_HASH_KEY}:${await mine.salt}`, ip)).slice(0, 32);
  } catch {
    if (cached === mine) cached = null;
    return null;
  }
}
