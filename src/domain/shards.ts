/**
 * Where a click is stored, from its aecid alone (no directory): the plan (`CLICK_SHARDS`) lists,
 * epoch by epoch, the D1 bindings clicks are spread across; a click belongs to the epoch its
 * aecid's time prefix falls in, and within it to the binding its first four random bytes pick
 * (uniform, since they come from `crypto.getRandomValues`). Adding a shard is a new epoch that
 * starts later than the deploy: clicks made before keep their epoch, so nothing moves and no
 * old aecid changes place.
 *
 * The plan's text: epochs separated by `;`, each the bindings then, for every epoch but the first,
 * `@` and the UTC time it starts: `DB` (the default), or
 * `DB; DB CLICKS_1 CLICKS_2 @ 2027-01-01T00:00:00Z`.
 */
export interface ShardEpoch {
  /** Unix seconds; the first epoch starts at 0. */
  from: number;
  bindings: string[];
}

export type ShardPlan = ShardEpoch[];

const BINDING = /^[A-Z][A-Z0-9_]*$/;

export const ONE_DATABASE: ShardPlan = [{ from: 0, bindings: ["DB"] }];

/** The plan, or what is wrong with its text. */
export function parseShardPlan(text: string): { plan: ShardPlan } | { problem: string } {
  const plan: ShardPlan = [];
  for (const [i, part] of text.split(";").entries()) {
    const [names = "", at] = part.split("@").map((s) => s.trim());
    const bindings = names.split(/\s+/).filter(Boolean);
    if (!bindings.length) return { problem: `epoch ${i + 1} names no D1 binding` };
    const bad = bindings.find((b) => !BINDING.test(b));
    if (bad) return { problem: `"${bad}" is not a binding name (like CLICKS_1)` };
    if (new Set(bindings).size !== bindings.length)
      return { problem: `epoch ${i + 1} names a binding twice` };
    if (i === 0) {
      if (at !== undefined)
        return { problem: "the first epoch has no start time: it is the first" };
      plan.push({ from: 0, bindings });
      continue;
    }
    const ms = at && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(at) ? Date.parse(at) : NaN;
    if (!Number.isFinite(ms))
      return { problem: `epoch ${i + 1} needs "@ <UTC time>", like @ 2027-01-01T00:00:00Z` };
    const from = Math.floor(ms / 1000);
    if (from <= (plan[plan.length - 1]?.from ?? 0))
      return { problem: `epoch ${i + 1} must start after the one before` };
    plan.push({ from, bindings });
  }
  return { plan };
}

/** The binding that holds the click `aecid` (24 lowercase hex). */
export function shardOf(aecid: string, plan: ShardPlan): string {
  const seconds = Number.parseInt(aecid.slice(0, 8), 16);
  let epoch = plan[0] as ShardEpoch;
  for (const candidate of plan) if (candidate.from <= seconds) epoch = candidate;
  const pick = Number.parseInt(aecid.slice(8, 16), 16);
  return epoch.bindings[pick % epoch.bindings.length] as string;
}

/** Every binding the plan names, the main database first if it is one. */
export function allShards(plan: ShardPlan): string[] {
  return [...new Set(plan.flatMap((epoch) => epoch.bindings))];
}
