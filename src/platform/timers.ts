/** Timers: waiting, bounding a wait, and retrying work that is safe to repeat. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Settles like `work`, or with `onTimeout()` (its value, or its throw) when `work` has not settled
 * within `ms`. The work itself is not cancelled: callers decide what a late result means.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  // `?? undefined`: Node's clearTimeout takes no null, and the tests' stripe package brings
  // Node's types into this project's type check.
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer ?? undefined));
}

/**
 * Bounded retries with exponential backoff (base, 4×base, 16×base…), for writes that are safe to
 * repeat (idempotent inserts). D1 answers transient failures ("overloaded", "network connection
 * lost", resets) that a second try usually clears.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

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
