import { getQueryParam } from "hono/utils/url";
import { withClickId, withoutClickId } from "../domain/click-url";
import { firstPartyCookie } from "../domain/cookie";
import { allowedUrl } from "../domain/destination";
import type { SubIds } from "../domain/entities";
import type { HitVisit } from "../domain/hit-dims";
import { LINK_ID_PATTERN, newId } from "../domain/ids";
import { cutChars, hostOf } from "../domain/text";
import { notAClick, type VisitSignals } from "../domain/visitors";
import { findLink, peekLink, type TrackedLink } from "./link-cache";
import { sink } from "./sink";
import { redirectTo, visitorPage } from "./visitor-page";

/**
 * `GET /c/:linkId`, the tracking link: the redirect answers at once and hands the click to the
 * sink. A plain function of the request rather than a Hono handler, so that the Worker's `fetch`
 * can call it without routing (`clickLinkIdOf`): the redirect is most of the traffic, and Hono's
 * router, context and request wrapper showed in its profile. Hono still routes every other path,
 * and this one too when the fast test cannot vouch for it.
 */

const SUB_ID_MAX = 255;
const USER_AGENT_MAX = 512;
type Query = Readonly<Record<string, string | undefined>>;
// Most tracking links carry no query at all: they skip parsing one.
const NO_QUERY: Query = Object.freeze({});
const NO_SUB_IDS: SubIds = [null, null, null, null, null];

/** The link ID when the URL's path is exactly `/c/<link ID>` (no decoding needed), else null. */
export function clickLinkIdOf(url: string): string | null {
  const pathAt = url.indexOf("/", url.indexOf("://") + 3);
  if (pathAt === -1 || !url.startsWith("/c/", pathAt)) return null;
  const queryAt = url.indexOf("?", pathAt);
  const linkId = url.slice(pathAt + 3, queryAt === -1 ? undefined : queryAt);
  return LINK_ID_PATTERN.test(linkId) ? linkId : null;
}

export function visitOf(request: Request): VisitSignals {
  const headers = request.headers;
  return {
    method: request.method,
    userAgent: headers.get("User-Agent"),
    secPurpose: headers.get("Sec-Purpose"),
    purpose: headers.get("Purpose"),
  };
}

function subIdsOf(query: Query): SubIds {
  const sub = (value: string | undefined) => (value ? cutChars(value, SUB_ID_MAX) : null);
  return [sub(query.sub1), sub(query.sub2), sub(query.sub3), sub(query.sub4), sub(query.sub5)];
}

/**
 * A warm link (in the isolate's cache, which is most clicks) is answered synchronously: no promise
 * is made or awaited on the redirect's path. A cold one waits for its one D1 read.
 */
export function trackClick(
  request: Request,
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  linkId: string,
  url = request.url,
): Response | Promise<Response> {
  const visit = {
    url,
    request,
    env,
    ctx,
    now: Date.now(),
    client: request.headers.get("CF-Connecting-IP"),
  };
  const cached = peekLink(linkId, visit.now);
  if (cached !== undefined) return answer(visit, cached);
  return findLink(env, linkId, visit.now, visit.client).then((found) => answer(visit, found));
}

interface Visit {
  url: string;
  request: Request;
  env: Env;
  ctx: Pick<ExecutionContext, "waitUntil">;
  now: number;
  client: string | null;
}

function answer(
  { url, request, env, ctx, now, client }: Visit,
  found: TrackedLink | null | "unavailable",
): Response {
  if (found === "unavailable") return visitorPage(env, 503);
  if (!found || found.link.disabled) return visitorPage(env, 404, "Unknown or disabled link.\n");
  const query: Query = url.includes("?") ? (getQueryParam(url) as Query) : NO_QUERY;
  const deepLink = allowedUrl(query.url, found.program.allowedDomains);
  const signals = visitOf(request);

  if (notAClick(signals)) {
    sink.hit(env, ctx, found.link.id, "bot_hits", now, visitOfBot(request, found, query, signals));
    return redirectTo(deepLink ? withoutClickId(deepLink) : found.botUrl);
  }
  const clickId = newId(now);
  sink.click(env, ctx, clickOf(request, found, clickId, now, query, signals.userAgent), client);
  return redirectTo(
    deepLink ? withClickId(deepLink, clickId) : found.clickUrl(clickId),
    cookieOf(url, found, clickId),
  );
}

function clickOf(
  request: Request,
  { link, program }: TrackedLink,
  clickId: string,
  now: number,
  query: Query,
  userAgent: string | null,
) {
  return {
    id: clickId,
    linkId: link.id,
    programId: program.id,
    partnerId: link.partnerId,
    createdAt: now,
    subIds: query === NO_QUERY ? NO_SUB_IDS : subIdsOf(query),
    country: (request.cf?.country as string | undefined) ?? null,
    userAgent: userAgent ? cutChars(userAgent, USER_AGENT_MAX) : null,
    refererHost: hostOf(request.headers.get("Referer") ?? undefined),
  };
}

/** A bot's sub-IDs, country, user agent and referrer: reports count bot hits by them too. */
function visitOfBot(
  request: Request,
  { link, program }: TrackedLink,
  query: Query,
  { userAgent }: VisitSignals,
): HitVisit {
  return {
    programId: program.id,
    partnerId: link.partnerId,
    subIds: query === NO_QUERY ? NO_SUB_IDS : subIdsOf(query),
    country: (request.cf?.country as string | undefined) ?? null,
    userAgent: userAgent ? cutChars(userAgent, USER_AGENT_MAX) : null,
    refererHost: hostOf(request.headers.get("Referer") ?? undefined),
  };
}

/** Only programs in first-party mode pay for parsing the request's host. */
function cookieOf(url: string, { program }: TrackedLink, clickId: string): string | null {
  const domain = program.firstPartyCookieDomain;
  if (!domain) return null;
  return firstPartyCookie(new URL(url).hostname, domain, clickId, program.attributionWindowDays);
}
