/** Clicks, bot hits and impressions per link and UTC day: what reports read (see migration 0003). */
export type LinkCounter = "clicks" | "bot_hits" | "impressions";

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
