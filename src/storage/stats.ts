/**
 * What reports read. Traffic comes from the daily per-link counters (a primary-key range on the
 * day, a few thousand rows for a month of a busy program), money from the conversions table
 * through its (program_id, created_at) index. The grouping expressions are a closed set.
 */
import type { MoneyFigures as MoneyRow, TrafficFigures as TrafficRow } from "../domain/report";

export type GroupBy = "partner" | "day" | "link";

const TRAFFIC_KEY: Record<GroupBy, string> = {
  partner: "l.partner_id",
  day: "d.day",
  link: "d.link_id",
};
const MONEY_KEY: Record<GroupBy, string> = {
  partner: "c.partner_id",
  day: "strftime('%Y-%m-%d', c.created_at / 1000, 'unixepoch')",
  link: "k.link_id",
};

export interface StatsRange {
  programId: string | null;
  /** Inclusive UTC days, YYYY-MM-DD. */
  fromDay: string;
  toDay: string;
}

export async function trafficBy(
  db: D1Database,
  groupBy: GroupBy,
  range: StatsRange,
): Promise<TrafficRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${TRAFFIC_KEY[groupBy]} AS key, sum(d.clicks) AS clicks, sum(d.bot_hits) AS bot_hits,
              sum(d.impressions) AS impressions
       FROM daily_link_counts d JOIN links l ON l.id = d.link_id
       WHERE d.day >= ?1 AND d.day <= ?2 AND (?3 IS NULL OR l.program_id = ?3)
       GROUP BY 1`,
    )
    .bind(range.fromDay, range.toDay, range.programId)
    .all<TrafficRow>();
  return results;
}

/** Conversions that count (refused ones do not), per group and currency pair. */
export async function moneyBy(
  db: D1Database,
  groupBy: GroupBy,
  range: StatsRange,
): Promise<MoneyRow[]> {
  const from = Date.parse(`${range.fromDay}T00:00:00Z`);
  const to = Date.parse(`${range.toDay}T00:00:00Z`) + 86_400_000;
  const { results } = await db
    .prepare(
      `SELECT ${MONEY_KEY[groupBy]} AS key, count(*) AS conversions, c.currency AS currency,
              sum(c.amount) AS revenue, c.commission_currency AS commission_currency,
              sum(c.commission) AS commission
       FROM conversions c ${groupBy === "link" ? "LEFT JOIN clicks k ON k.id = c.click_id" : ""}
       WHERE c.created_at >= ?1 AND c.created_at < ?2 AND (?3 IS NULL OR c.program_id = ?3)
         AND c.status != 'refused'
       GROUP BY 1, 3, 5`,
    )
    .bind(from, to, range.programId)
    .all<MoneyRow>();
  return results;
}
