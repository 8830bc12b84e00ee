import type { Click } from "./entities";
import { idSeconds, parseId } from "./ids";

/** Why a click ID could not be credited (SPEC: `error.cids`). */
export type CidReason =
  | "malformed"
  | "unknown"
  | "other_program"
  | "expired"
  | "in_future"
  | "pending";

/**
 * A well-formed click ID that storage does not know yet, made less than this long ago, may still
 * be on its way to the database (the click pipeline writes after the redirect): it is `pending`.
 */
export const PENDING_SECONDS = 600;

export type Attribution =
  | { type: "revenue_share"; partnerId: string; clickId: null; voucher: null }
  | { type: "click"; partnerId: string; clickId: string; voucher: null }
  | { type: "voucher"; partnerId: string; clickId: null; voucher: string };

/** What attribution needs of a stored click. */
export type CreditableClick = Pick<Click, "id" | "programId" | "partnerId" | "createdAt">;

export interface AttributionRules {
  programId: string;
  windowDays: number;
  model: "last_click" | "first_click";
  revenueShare: boolean;
}

/** What a postback offers for credit, with what storage knows of it. */
export interface Candidates {
  cids: string[];
  clicks: ReadonlyMap<string, CreditableClick>;
  /** The partner the customer is bound to, if revenue share binds them. */
  boundPartner: string | null;
  vouchers: string[];
  voucherPartners: ReadonlyMap<string, string>;
}

/** Clocks at the edge drift a little: a click up to this far "after" the postback is still fine. */
export const CLOCK_SKEW_SECONDS = 5;

/** Judges one click ID on what its ID alone tells (form, time) and what D1 knows of it. */
function judge(
  cid: string,
  rules: AttributionRules,
  candidates: Candidates,
  nowSeconds: number,
): CreditableClick | CidReason {
  const id = parseId(cid);
  if (!id) return "malformed";
  const seconds = idSeconds(id);
  if (seconds > nowSeconds + CLOCK_SKEW_SECONDS) return "in_future";
  if (seconds < nowSeconds - rules.windowDays * 86_400) return "expired";
  const click = candidates.clicks.get(id);
  if (!click) return seconds > nowSeconds - PENDING_SECONDS ? "pending" : "unknown";
  return click.programId === rules.programId ? click : "other_program";
}

/** The click IDs worth looking up in D1: well-formed and within the window by their own time. */
export function lookupCandidates(cids: string[], rules: AttributionRules, nowMs: number): string[] {
  const nowSeconds = Math.floor(nowMs / 1000);
  const candidates = new Set<string>();
  for (const cid of cids) {
    const id = parseId(cid);
    if (!id) continue;
    const seconds = idSeconds(id);
    if (
      seconds <= nowSeconds + CLOCK_SKEW_SECONDS &&
      seconds >= nowSeconds - rules.windowDays * 86_400
    ) {
      candidates.add(id);
    }
  }
  return [...candidates];
}

export type AttributionResult =
  | { ok: true; attribution: Attribution }
  | { ok: false; cids: Record<string, CidReason>; pending: boolean };

/** SPEC attribution order: revenue-share binding, then the last (or first) valid click, then a voucher. */
export function attribute(
  rules: AttributionRules,
  candidates: Candidates,
  nowMs: number,
): AttributionResult {
  if (rules.revenueShare && candidates.boundPartner) {
    return {
      ok: true,
      attribution: {
        type: "revenue_share",
        partnerId: candidates.boundPartner,
        clickId: null,
        voucher: null,
      },
    };
  }
  const nowSeconds = Math.floor(nowMs / 1000);
  const reasons: Record<string, CidReason> = {};
  let chosen: CreditableClick | null = null;
  for (const cid of candidates.cids) {
    const click = judge(cid, rules, candidates, nowSeconds);
    if (typeof click === "string") {
      reasons[cid] = click;
      continue;
    }
    const later = !chosen || click.createdAt >= chosen.createdAt;
    const earlier = !chosen || click.createdAt < chosen.createdAt;
    if (rules.model === "last_click" ? later : earlier) chosen = click;
  }
  const waitingFor = pendingThatMatter(reasons, rules.model, chosen);
  if (waitingFor.length) {
    const pending = Object.fromEntries(waitingFor.map((cid) => [cid, "pending" as const]));
    return { ok: false, cids: pending, pending: true };
  }
  if (chosen) {
    return {
      ok: true,
      attribution: {
        type: "click",
        partnerId: chosen.partnerId,
        clickId: chosen.id,
        voucher: null,
      },
    };
  }
  for (const code of candidates.vouchers) {
    const partnerId = candidates.voucherPartners.get(code);
    if (partnerId)
      return {
        ok: true,
        attribution: { type: "voucher", partnerId, clickId: null, voucher: code },
      };
  }
  return { ok: false, cids: reasons, pending: false };
}

/**
 * The pending click IDs that could change the outcome if their click landed: any of them when no
 * click qualifies, else those that could be later (last click) or earlier (first click) than the
 * chosen one. A click's time is known from its ID alone, to the second.
 */
function pendingThatMatter(
  reasons: Record<string, CidReason>,
  model: AttributionRules["model"],
  chosen: CreditableClick | null,
): string[] {
  const pending = Object.keys(reasons).filter((cid) => reasons[cid] === "pending");
  if (!chosen) return pending;
  const chosenSeconds = Math.floor(chosen.createdAt / 1000);
  return pending.filter((cid) => {
    const seconds = idSeconds(cid.toLowerCase());
    return model === "last_click" ? seconds >= chosenSeconds : seconds <= chosenSeconds;
  });
}
