/**
 * The rows of GET /api/reports from the rollups' figures (pure, tested alone): summed across
 * databases, one row per group, each with its rates. Clicks have no goal: a row of a goal carries
 * the clicks of the rest of its key, so its conversion rate is that goal's.
 */
import { measureParts, NONE_KEY, OTHER } from "../domain/report-dims";
import type { GroupKey, RollupFigure } from "./report-sql";

export interface ReportRow {
  keys: Partial<Record<GroupKey, string | null>>;
  clicks: number;
  bot_hits: number;
  conversions: number;
  approved: number;
  revenue: Record<string, number>;
  commission: Record<string, number>;
  conversion_rate: number;
  epc: Record<string, number>;
  folded: boolean;
}

interface Base {
  keys: Partial<Record<GroupKey, string | null>>;
  clicks: number;
  bots: number;
  goals: Map<
    string,
    { n: number; a: number; r: Record<string, number>; m: Record<string, number> }
  >;
}

const add = (map: Record<string, number>, key: string, amount: number) => {
  map[key] = (map[key] ?? 0) + amount;
};

/** A clickless conversion's counter row has a link key no link has (storage/rollups.ts). */
const linkOf = (link: string | undefined) =>
  link === undefined || link.startsWith("~") ? null : link;

export function reportRows(
  figures: RollupFigure[],
  groupBy: GroupKey[],
  goal: string | null,
): ReportRow[] {
  const dim = groupBy.find((k) => k !== "day" && k !== "link" && k !== "partner" && k !== "goal");
  const [byDay, byLink, byPartner] = ["day", "link", "partner"].map((k) =>
    groupBy.includes(k as GroupKey),
  );
  const bases = new Map<string, Base>();
  // A report by sub1 sums hundreds of thousands of figures: one string key per figure, and the
  // parts of each measure name (a handful of distinct names) worked out once.
  const parts = new Map<string, ReturnType<typeof measureParts>>();
  for (const f of figures) {
    const id = `${byDay ? f.day : ""}\u0000${byLink ? linkOf(f.link) : ""}\u0000${byPartner ? f.partner : ""}\u0000${dim ? f.val : ""}`;
    let base = bases.get(id);
    if (!base) {
      const keys: Base["keys"] = {};
      if (byDay) keys.day = f.day ?? null;
      if (byLink) keys.link = linkOf(f.link);
      if (byPartner) keys.partner = f.partner ?? null;
      if (dim) keys[dim] = f.val === NONE_KEY ? null : f.val;
      base = { keys, clicks: 0, bots: 0, goals: new Map() };
      bases.set(id, base);
    }
    let measure = parts.get(f.meas);
    if (!measure) {
      measure = measureParts(f.meas);
      parts.set(f.meas, measure);
    }
    const { kind, goal: g, currency } = measure;
    if (kind === "c") base.clicks += f.amt;
    else if (kind === "b") base.bots += f.amt;
    else if (g && (goal === null || g === goal)) {
      const into = base.goals.get(g) ?? { n: 0, a: 0, r: {}, m: {} };
      base.goals.set(g, into);
      if (kind === "n") into.n += f.amt;
      if (kind === "a") into.a += f.amt;
      if (kind === "r" && currency) add(into.r, currency, f.amt);
      if (kind === "m" && currency) add(into.m, currency, f.amt);
    }
  }
  const rows: ReportRow[] = [];
  for (const base of bases.values()) {
    const parts = groupBy.includes("goal")
      ? [...base.goals].map(([g, m]) => ({ keys: { ...base.keys, goal: g }, list: [m] }))
      : [{ keys: base.keys, list: [...base.goals.values()] }];
    if (!parts.length) parts.push({ keys: { ...base.keys, goal: null }, list: [] });
    for (const { keys, list } of parts) rows.push(rowOf(keys, base, list));
  }
  return rows;
}

function rowOf(
  keys: ReportRow["keys"],
  base: Base,
  list: Base["goals"] extends Map<string, infer V> ? V[] : never,
): ReportRow {
  const revenue: Record<string, number> = {};
  const commission: Record<string, number> = {};
  let conversions = 0;
  let approved = 0;
  for (const m of list) {
    conversions += m.n;
    approved += m.a;
    for (const [c, v] of Object.entries(m.r)) add(revenue, c, v);
    for (const [c, v] of Object.entries(m.m)) add(commission, c, v);
  }
  const epc: Record<string, number> = {};
  for (const [c, v] of Object.entries(commission)) {
    epc[c] = base.clicks > 0 ? Math.round((v / base.clicks) * 100) / 100 : 0;
  }
  return {
    keys,
    clicks: base.clicks,
    bot_hits: base.bots,
    conversions,
    approved,
    revenue,
    commission,
    conversion_rate:
      base.clicks > 0 ? Math.round((conversions / base.clicks) * 10_000) / 10_000 : 0,
    epc,
    folded: Object.values(keys).includes(OTHER),
  };
}
