/**
 * What reports read. Traffic comes from the daily per-link counters (a primary-key range on the
 * day, a few thousand rows for a month of a busy program), money from the conversions table
 * through its (program_id, created_at) index.
 */
import type { MoneyFigures as MoneyRow, TrafficFigures as TrafficRow } from "../domain/report";
import { everyClickDb, MAIN_DB } from "./shards";
import { type GroupBy, moneySql, shardTrafficSql, trafficSql } from "./stats-sql";

export type { GroupBy };

export interface StatsRange {
  programId: string | null;
  /** Inclusive UTC days, YYYY-MM-DD. */
  fromDay: string;
  toDay: string;
}

/**
 * Clicks, bot hits and impressions per group: the main database's counters (joined to its links),
 * plus each other click shard's click counters, read side by side and summed per group.
 */
export async function trafficBy(
  env: Env,
  groupBy: GroupBy,
  range: StatsRange,
): Promise<TrafficRow[]> {
  const params = [range.fromDay, range.toDay, range.programId];
  const shards = everyClickDb(env).filter(({ binding }) => binding !== MAIN_DB);
  const parts = await Promise.all([
    env.DB.prepare(trafficSql(groupBy))
      .bind(...params)
      .all<TrafficRow>(),
    ...shards.map(({ db }) =>
      db
        .prepare(shardTrafficSql(groupBy))
        .bind(...params)
        .all<TrafficRow>(),
    ),
  ]);
  const merged = new Map<string, TrafficRow>();
  for (const row of parts.flatMap((part) => part.results)) {
    const key = row.key ?? "";
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...row });
    else {
      seen.clicks += row.clicks;
      seen.bot_hits += row.bot_hits;
      seen.impressions += row.impressions;
    }
  }
  return [...merged.values()];
}

export async function moneyBy(
  db: D1Database,
  groupBy: GroupBy,
  range: StatsRange,
): Promise<MoneyRow[]> {
  const from = Date.parse(`${range.fromDay}T00:00:00Z`);
  const to = Date.parse(`${range.toDay}T00:00:00Z`) + 86_400_000;
  const { results } = await db
    .prepare(moneySql(groupBy))
    .bind(from, to, range.programId)
    .all<MoneyRow>();
  return results;
}
