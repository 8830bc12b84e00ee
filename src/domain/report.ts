/** Turns traffic and money rows into the rows of GET /api/stats (pure, so it is tested alone). */

export interface TrafficFigures {
  key: string | null;
  clicks: number;
  bot_hits: number;
  impressions: number;
}

export interface MoneyFigures {
  key: string | null;
  conversions: number;
  currency: string;
  revenue: number;
  commission_currency: string;
  commission: number;
}

export interface ReportRow {
  key: string | null;
  clicks: number;
  bot_hits: number;
  impressions: number;
  conversions: number;
  conversion_rate: number;
  revenue: Record<string, number>;
  commission: Record<string, number>;
}

const add = (map: Record<string, number>, currency: string, amount: number) => {
  map[currency] = (map[currency] ?? 0) + amount;
};

/**
 * One row per group. `keys`, when given (every day of the range), makes rows for groups with no
 * activity too, in that order; otherwise rows come sorted by clicks, then conversions.
 */
export function reportRows(
  traffic: TrafficFigures[],
  money: MoneyFigures[],
  keys?: string[],
): ReportRow[] {
  const rows = new Map<string | null, ReportRow>();
  const row = (key: string | null) => {
    let found = rows.get(key);
    if (!found) {
      found = {
        key,
        clicks: 0,
        bot_hits: 0,
        impressions: 0,
        conversions: 0,
        conversion_rate: 0,
        revenue: {},
        commission: {},
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const key of keys ?? []) row(key);
  for (const t of traffic) {
    const r = row(t.key);
    r.clicks += t.clicks;
    r.bot_hits += t.bot_hits;
    r.impressions += t.impressions;
  }
  for (const m of money) {
    const r = row(m.key);
    r.conversions += m.conversions;
    add(r.revenue, m.currency, m.revenue);
    add(r.commission, m.commission_currency, m.commission);
  }
  for (const r of rows.values()) {
    r.conversion_rate = r.clicks > 0 ? Math.round((r.conversions / r.clicks) * 10_000) / 10_000 : 0;
  }
  const all = [...rows.values()];
  return keys ? all : all.sort((a, b) => b.clicks - a.clicks || b.conversions - a.conversions);
}

/** Every UTC day from `from` to `to`, inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
