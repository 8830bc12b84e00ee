/**
 * Bounded retries with exponential backoff, for writes that are safe to repeat (idempotent inserts).
 * D1 answers transient failures ("overloaded", "network connection lost", resets) that a second try
 * usually clears.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

export const CLICK_WRITE_RETRIES: RetryPolicy = { attempts: 5, baseDelayMs: 100 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withRetries<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    if (attempt > 0) await sleep(policy.baseDelayMs * 4 ** (attempt - 1));
    try {
      return await work();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
