/** Bot hits and impressions are counters, one upserted row per link and UTC day. */
export type LinkCounter = "bot_hits" | "impressions";

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export async function incrementLinkCount(
  db: D1Database,
  linkId: string,
  counter: LinkCounter,
  at: number,
) {
  // The column name comes from a closed union, never from input.
  await db
    .prepare(
      `INSERT INTO link_daily_counts (link_id, day, ${counter}) VALUES (?1, ?2, 1)
       ON CONFLICT (link_id, day) DO UPDATE SET ${counter} = ${counter} + 1`,
    )
    .bind(linkId, utcDay(at))
    .run();
}
