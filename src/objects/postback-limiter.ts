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
