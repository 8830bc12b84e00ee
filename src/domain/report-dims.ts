/**
 * What the report rollups count, as plain data (GET /api/reports; storage/rollups.ts keeps them).
 * Each (UTC day, link) counter row holds, per dimension, a map from the dimension's value to its
 * measures; the pseudo-dimension `all` has the one value "" and serves reports by day, link,
 * partner or goal alone. A measure is a flat key, so that merging two maps is a sum per key:
 *   c  clicks              n|<goal>  conversions (refused ones excluded)
 *   b  bot hits            a|<goal>  approved conversions
 *   r|<goal>|<CUR>  revenue, minor units     m|<goal>|<CUR>  commission, minor units
 * Goal names are `[a-z0-9_.-]` and currencies three letters, so `|` never occurs inside a part.
 */
import type { ConversionStatus } from "./conversion-status";
import type { SubIds } from "./entities";

export const CLICK_DIMENSIONS = [
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "country",
  "device",
  "referrer",
] as const;
export type ClickDimension = (typeof CLICK_DIMENSIONS)[number];
export const ALL = "all";

/** The value every fold lands on once a (day, link, dimension) holds the cap of distinct values. */
export const OTHER = "(other)";
/** How a missing value (no sub1, no country…) is kept: a map key must be text. */
export const NONE_KEY = "";
export const DEFAULT_VALUE_CAP = 1000;

export type DimValues = Record<ClickDimension, string | null>;
export type Measures = Record<string, number>;
/** Per dimension (and `all`), per value, the measures to add. */
export type DimsDelta = Record<string, Record<string, Measures>>;

/** Where a conversion counts: its click's day, link and dimension values (null: no click). */
export interface ReportKeys {
  day: string;
  link: string | null;
  dims: DimValues | null;
}

export function dimValuesOf(click: {
  subIds: SubIds;
  country: string | null;
  device: string | null;
  refererHost: string | null;
}): DimValues {
  const [sub1, sub2, sub3, sub4, sub5] = click.subIds;
  return {
    sub1,
    sub2,
    sub3,
    sub4,
    sub5,
    country: click.country,
    device: click.device,
    referrer: click.refererHost,
  };
}

/** Adds `measures` under each dimension's value (and `all`) of `delta`, in place. */
export function addMeasures(delta: DimsDelta, values: DimValues | null, measures: Measures): void {
  const add = (dim: string, value: string | null) => {
    const byValue = delta[dim] ?? {};
    delta[dim] = byValue;
    const key = value ?? NONE_KEY;
    const into = byValue[key] ?? {};
    byValue[key] = into;
    for (const [name, amount] of Object.entries(measures)) {
      into[name] = (into[name] ?? 0) + amount;
    }
  };
  add(ALL, NONE_KEY);
  for (const dim of CLICK_DIMENSIONS) add(dim, values ? values[dim] : null);
}

export interface CountedConversion {
  goal: string;
  status: ConversionStatus;
  amount: number;
  currency: string;
  commission: number;
  commissionCurrency: string;
}

/** What one conversion adds to its click's rollup: nothing while it is refused. */
export function conversionMeasures(c: CountedConversion): Measures {
  if (c.status === "refused") return {};
  return {
    [`n|${c.goal}`]: 1,
    [`a|${c.goal}`]: c.status === "approved" ? 1 : 0,
    [`r|${c.goal}|${c.currency}`]: c.amount,
    [`m|${c.goal}|${c.commissionCurrency}`]: c.commission,
  };
}

/** `after − before`, keys whose difference is 0 left out: what a status update changes. */
export function measuresChange(before: Measures, after: Measures): Measures {
  const change: Measures = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) change[key] = d;
  }
  return change;
}

/** A measure key's parts: `n|sale` → { kind: "n", goal: "sale" }. */
export function measureParts(key: string): { kind: string; goal?: string; currency?: string } {
  const [kind = "", goal, currency] = key.split("|");
  return { kind, ...(goal ? { goal } : {}), ...(currency ? { currency } : {}) };
}
