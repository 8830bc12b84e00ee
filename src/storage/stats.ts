/**
 * What reports read. Traffic comes from the daily per-link counters (a primary-key range on the
 * day, a few thousand rows for a month of a busy program), money from the conversions table
 * through its (program_id, created_at) index.
 */
import type { MoneyFigures as MoneyRow, TrafficFigures as TrafficRow } from "../domain/report";
import { type GroupBy, moneySql, trafficSql } from "./stats-sql";

export type { GroupBy };

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
    .prepare(trafficSql(groupBy))
    .bind(range.fromDay, range.toDay, range.programId)
    .all<TrafficRow>();
  return results;
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
