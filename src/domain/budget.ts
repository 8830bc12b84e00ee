/**
 * Token buckets: what unauthenticated traffic may cost the database. A bucket refills at `rate`
 * tokens a second up to `burst`; a spend is allowed while a token is there. Per key (a client)
 * the buckets live in a bounded map, least recently used dropped first (a dropped client starts
 * again with a full bucket, which costs at most one burst).
 */
export interface BucketRule {
  rate: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Budget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for `key` at `now` (ms) if there is one. */
  spend(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.rule.burst, at: now };
    this.buckets.delete(key);
    const refilled = Math.min(
      this.rule.burst,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.rule.rate,
    );
    const allowed = refilled >= 1;
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
    if (this.buckets.size > this.maxKeys) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    return allowed;
  }
}

/**
 * A client's key for a budget: a 32-bit FNV-1a hash of its address, kept in memory only, so no
 * raw IP is held, not even there.
 */
export function clientKey(ip: string | null | undefined): string {
  let hash = 0x811c9dc5;
  for (const char of ip ?? "") {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
