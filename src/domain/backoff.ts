/** How long a failed queue message waits before its next try, from its `attempts` so far. */

/**
 * Click batches: 5 s, 10 s, 20 s, 40 s, then every 60 s. Short enough that the backlog drains
 * within a minute of D1's return (postbacks for those clicks wait, as `pending`, meanwhile); with
 * the consumer's 100 retries, about 1.5 hours of outage before a batch is dead-lettered.
 */
export function clickRetryDelaySeconds(attempts: number): number {
  return Math.min(60, 5 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Deliveries to an endpoint: 30 s, 2 min, 10 min, 30 min, 1 h, 3 h after each failed attempt, so
 * a delivery is tried for more than 4.5 hours (7 attempts) before it is marked failed.
 */
export const DELIVERY_DELAYS_SECONDS = [30, 120, 600, 1_800, 3_600, 10_800] as const;

/** The delay before the next attempt after `attempts` failed ones, or null when they are spent. */
export function deliveryRetryDelaySeconds(attempts: number): number | null {
  return DELIVERY_DELAYS_SECONDS[attempts - 1] ?? null;
}
