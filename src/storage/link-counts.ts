/** Clicks, bot hits and impressions per link and UTC day: what reports read (see migration 0003). */
export type LinkCounter = "clicks" | "bot_hits" | "impressions";

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One increment (direct write mode); the batched mode adds many at once (batched-writes.ts). */
export function incrementStatement(
  db: D1Database,
  linkId: string,
  counter: LinkCounter,
  at: number,
) {
  // The column name comes from a closed union, never from input.
  return db
    .prepare(
      `INSERT INTO daily_link_counts (day, link_id, ${counter}) VALUES (?1, ?2, 1)
       ON CONFLICT (day, link_id) DO UPDATE SET ${counter} = ${counter} + 1`,
    )
    .bind(utcDay(at), linkId);
}
