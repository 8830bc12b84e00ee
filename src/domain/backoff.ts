/** How long a failed queue message waits before its next try, from its `attempts` so far. */

/**
 * Click batches: 5 s, 10 s, 20 s, 40 s, then every 60 s. Short enough that the backlog drains
 * within a minute of D1's return (postbacks for those clicks wait, as `pending`, meanwhile); with
 * the consumer's 100 retries, about 1.5 hours of outage before a batch is dead-lettered.
 */
export function clickRetryDelaySeconds(attempts: number): number {
  return Math.min(60, 5 * 2 ** Math.max(0, attempts - 1));
}
