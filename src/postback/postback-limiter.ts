import { DurableObject } from "cloudflare:workers";
import { admit, type RateWindow } from "../domain/rate-window";

/**
 * One per program: counts its postbacks for the per-program rate limit. The count lives in memory
 * only; if the object is evicted the window restarts, which at worst admits one extra minute.
 */
export class PostbackLimiter extends DurableObject<Env> {
  private readonly windows = new Map<string, RateWindow>();

  admit(bucket: string, limitPerMinute: number): { allowed: boolean; retryAfterSeconds: number } {
    const admission = admit(this.windows.get(bucket), limitPerMinute, Date.now());
    this.windows.set(bucket, admission.window);
    return { allowed: admission.allowed, retryAfterSeconds: admission.retryAfterSeconds };
  }
}

/**
 * Asks the program's limiter whether one more postback (or wrong-key log row) fits this minute.
 * If the limiter itself cannot be reached, it is admitted: losing a conversion is worse than a
 * burst.
 */
export function admitPostback(
  env: Env,
  programId: string,
  bucket: "postbacks" | "rejected_keys",
  limitPerMinute: number,
): Promise<true | { retryAfterSeconds: number }> {
  return admitTo(env, programId, bucket, limitPerMinute);
}

/**
 * The same, for any limiter `name` and bucket: a program's application form uses the object named
 * `join:<program>`, a bucket per address. Unreachable, it admits.
 */
export async function admitTo(
  env: Env,
  name: string,
  bucket: string,
  limitPerMinute: number,
): Promise<true | { retryAfterSeconds: number }> {
  try {
    const limiter = env.POSTBACK_LIMITER.get(env.POSTBACK_LIMITER.idFromName(name));
    const admission = await limiter.admit(bucket, limitPerMinute);
    return admission.allowed ? true : { retryAfterSeconds: admission.retryAfterSeconds };
  } catch {
    return true;
  }
}
