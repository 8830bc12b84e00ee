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
  if (!visit.userAgent?.trim() || isbot(visit.userAgent)) return "bot";
  return null;
}

function isPrefetch(header: string | null): boolean {
  // `Sec-Purpose: prefetch;prerender` and `Purpose: prefetch` both name prefetch first.
  return header?.trim().toLowerCase().startsWith("prefetch") ?? false;
}
