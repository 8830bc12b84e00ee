/**
 * The unit the click pipeline moves: clicks and counter increments written as one, with an id so
 * that writing it twice (a queue's redelivery, a fallback that raced a late delivery) counts once.
 * On the queue it travels as a message (click-message.ts).
 */
import type { Click, LinkCounter } from "./entities";
import { addBotHit, type HitVisit, hitValues, newHitBudget } from "./hit-dims";
import type { DimsDelta } from "./report-dims";

export interface CountDelta {
  linkId: string;
  day: string;
  counts: Record<LinkCounter, number>;
  /** The link's program and partner, known for clicks: a click shard's reports need them. */
  programId?: string;
  partnerId?: string;
  /** Bot hits by dimension value, for reports (domain/report-dims.ts). */
  dims?: DimsDelta;
}

export interface ClickBatch {
  id: string;
  clicks: Click[];
  /** Bot hits and impressions (clicks are counted from `clicks`). */
  hits: CountDelta[];
}

/**
 * Sums counter increments per link and day (`at`, `YYYY-MM-DD`); a bot hit's `visit`, when given,
 * also counts it by dimension value (domain/hit-dims.ts), within one budget for the whole batch.
 */
export function countDeltas(
  entries: {
    linkId: string;
    at: string;
    counter: LinkCounter;
    programId?: string;
    partnerId?: string;
    visit?: HitVisit;
  }[],
): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  const budget = newHitBudget();
  const labels = new Map<string, string | null>();
  for (const { linkId, at, counter, programId, partnerId, visit } of entries) {
    const key = `${at}|${linkId}`;
    const delta = deltas.get(key) ?? {
      linkId,
      day: at,
      counts: { clicks: 0, bot_hits: 0, impressions: 0 },
      ...(programId ? { programId, partnerId } : {}),
      ...(!programId && visit ? { programId: visit.programId, partnerId: visit.partnerId } : {}),
    };
    delta.counts[counter]++;
    if (visit && counter === "bot_hits") {
      delta.dims ??= {};
      addBotHit(delta.dims, hitValues(visit, labels), budget);
    }
    deltas.set(key, delta);
  }
  return [...deltas.values()];
}
