/**
 * Bot hits by dimension value, for reports: what a bot hit adds to its (day, link) count delta.
 * Bots come in floods, often with made-up sub-IDs, and a batch's hits ride in one queue message
 * beside up to 200 clicks (128 KB at most), so what they carry is bounded twice:
 * - per dimension of a delta, HIT_VALUES_PER_DIMENSION distinct values; further ones count under
 *   `(other)`, as the rollups' own cap folds (reports mark those rows);
 * - per batch, HIT_DIMS_BYTES of value text; a hit past it counts in the totals only (`all`), so
 *   its dimensions' rows show fewer bot hits than the day's total, never more.
 */
import { deviceLabel } from "./device";
import type { SubIds } from "./entities";
import {
  ALL,
  addMeasures,
  CLICK_DIMENSIONS,
  type DimsDelta,
  type DimValues,
  dimValuesOf,
  NONE_KEY,
  OTHER,
} from "./report-dims";

export const HIT_VALUES_PER_DIMENSION = 20;
export const HIT_DIMS_BYTES = 16_000;
/** What a new value costs in a message beyond its text: quotes, `:{"b":1}`, a comma. */
const VALUE_OVERHEAD = 12;

/**
 * What the redirect knows of a bot's visit, before its user agent is reduced to a label: its
 * link's program and partner too, which a report filtered by program or partner selects on.
 */
export interface HitVisit {
  programId: string;
  partnerId: string;
  subIds: SubIds;
  country: string | null;
  userAgent: string | null;
  refererHost: string | null;
}

/** One batch's budget of value text, spent as hits add values. */
export interface HitBudget {
  bytes: number;
}

export const newHitBudget = (): HitBudget => ({ bytes: HIT_DIMS_BYTES });

export function hitValues(visit: HitVisit, labels = new Map<string, string | null>()): DimValues {
  const agent = visit.userAgent;
  let device: string | null = null;
  if (agent !== null) {
    device = labels.has(agent) ? (labels.get(agent) ?? null) : deviceLabel(agent);
    labels.set(agent, device);
  }
  return dimValuesOf({
    subIds: visit.subIds,
    country: visit.country,
    device,
    refererHost: visit.refererHost,
  });
}

/** Adds one bot hit with `values` to `dims`, in place, within the dimension cap and `budget`. */
export function addBotHit(dims: DimsDelta, values: DimValues, budget: HitBudget): void {
  const kept = { ...values };
  let cost = 0;
  for (const dim of CLICK_DIMENSIONS) {
    const byValue = dims[dim] ?? {};
    const key = values[dim] ?? NONE_KEY;
    if (key in byValue) continue;
    const folded = Object.keys(byValue).length >= HIT_VALUES_PER_DIMENSION;
    kept[dim] = folded ? OTHER : values[dim];
    const stored = folded ? OTHER : key;
    if (!(stored in byValue)) cost += stored.length + VALUE_OVERHEAD + (dims[dim] ? 0 : dim.length);
  }
  if (cost > budget.bytes) {
    const all = dims[ALL] ?? {};
    dims[ALL] = all;
    const into = all[NONE_KEY] ?? {};
    all[NONE_KEY] = into;
    into.b = (into.b ?? 0) + 1;
    return;
  }
  budget.bytes -= cost;
  addMeasures(dims, kept, { b: 1 });
}

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * A delta's bot-hit dimensions as a queue message carries them, checked: per known dimension
 * (`all` among them), per value, `{ b: count }`; anything else is null (the hits then count in the
 * totals only).
 */
export function hitDimsOf(value: unknown): DimsDelta | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  // The totals (`all`) are what reports by day, link or partner read: they must be there.
  if (!(ALL in value)) return null;
  for (const [dim, byValue] of Object.entries(value)) {
    if (dim !== ALL && !(CLICK_DIMENSIONS as readonly string[]).includes(dim)) return null;
    if (typeof byValue !== "object" || byValue === null || Array.isArray(byValue)) return null;
    for (const measures of Object.values(byValue)) {
      if (typeof measures !== "object" || measures === null) return null;
      const entries = Object.entries(measures);
      if (entries.length !== 1 || entries[0]?.[0] !== "b" || !isCount(entries[0][1])) return null;
    }
  }
  return value as DimsDelta;
}
