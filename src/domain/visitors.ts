import { isbot } from "isbot";

/** Why a request to a tracking link is not counted as a click, or null for a human visit. */
export type NotAClick = "head" | "prefetch" | "bot";

export interface VisitSignals {
  method: string;
  userAgent: string | null;
  secPurpose: string | null;
  purpose: string | null;
}

/**
 * Crawlers, link-preview bots (Slackbot, facebookexternalhit, WhatsApp…), prefetches and HEAD
 * requests get the redirect but make no click. Bot detection comes from `isbot`, a maintained
 * pattern list that tracks new crawlers; a missing user agent is treated as a bot, as no browser
 * sends none.
 */
export function notAClick(visit: VisitSignals): NotAClick | null {
  if (visit.method === "HEAD") return "head";
  if (isPrefetch(visit.secPurpose) || isPrefetch(visit.purpose)) return "prefetch";
  if (!visit.userAgent?.trim() || isBotAgent(visit.userAgent)) return "bot";
  return null;
}

/**
 * isbot's pattern is long and user agents repeat a lot (a handful of browser builds make most
 * traffic), so verdicts are remembered per isolate, in a bounded map.
 */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 1000;

function isBotAgent(userAgent: string): boolean {
  let verdict = verdicts.get(userAgent);
  if (verdict === undefined) {
    verdict = isbot(userAgent);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(userAgent, verdict);
  }
  return verdict;
}

function isPrefetch(header: string | null): boolean {
  // `Sec-Purpose: prefetch;prerender` and `Purpose: prefetch` both name prefetch first.
  return header?.trim().toLowerCase().startsWith("prefetch") ?? false;
}
