/**
 * The SQL of reports, as text with no imports, so the benchmark (`npm run bench:stats`) measures
 * the very statements the Worker runs. The grouping expressions are a closed set.
 */
export type GroupBy = "partner" | "day" | "link";

const TRAFFIC_KEY: Record<GroupBy, string> = {
  partner: "l.partner_id",
  day: "d.day",
  link: "d.link_id",
};

const MONEY_KEY: Record<GroupBy, string> = {
  partner: "c.partner_id",
  day: "strftime('%Y-%m-%d', c.created_at / 1000, 'unixepoch')",
  link: "c.link_id",
};

/** Clicks, bot hits and impressions from the daily counters: ?1, ?2 the days, ?3 the program. */
export function trafficSql(groupBy: GroupBy): string {
  return `SELECT ${TRAFFIC_KEY[groupBy]} AS key, sum(d.clicks) AS clicks, sum(d.bot_hits) AS bot_hits,
              sum(d.impressions) AS impressions
       FROM daily_link_counts d JOIN links l ON l.id = d.link_id
       WHERE d.day >= ?1 AND d.day <= ?2 AND (?3 IS NULL OR l.program_id = ?3)
       GROUP BY 1`;
}

/**
 * A click shard's clicks from its own daily counters, which carry the link's program and partner
 * (its database has no links table): ?1, ?2 the days, ?3 the program.
 */
export function shardTrafficSql(groupBy: GroupBy): string {
  const key = { partner: "partner_id", day: "day", link: "link_id" }[groupBy];
  return `SELECT ${key} AS key, sum(clicks) AS clicks, 0 AS bot_hits, 0 AS impressions
       FROM daily_link_counts
       WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR program_id = ?3) AND clicks > 0
       GROUP BY 1`;
}

/** Conversions that count (refused ones do not), per group and currency pair: ?1, ?2 ms, ?3. */
export function moneySql(groupBy: GroupBy): string {
  return `SELECT ${MONEY_KEY[groupBy]} AS key, count(*) AS conversions, c.currency AS currency,
              sum(c.amount) AS revenue, c.commission_currency AS commission_currency,
              sum(c.commission) AS commission
       FROM conversions c
       WHERE c.created_at >= ?1 AND c.created_at < ?2 AND (?3 IS NULL OR c.program_id = ?3)
         AND c.status != 'refused'
       GROUP BY 1, 3, 5`;
}
