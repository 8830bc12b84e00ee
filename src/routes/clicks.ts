import { type Context, Hono } from "hono";
import { withClickId, withoutClickId } from "../domain/click-url";
import { firstPartyCookie } from "../domain/cookie";
import { allowedUrl } from "../domain/destination";
import { isLinkId, newId } from "../domain/ids";
import { cutChars, hostOf } from "../domain/text";
import { notAClick } from "../domain/visitors";
import { countHit, saveClick } from "../services/click-writes";
import { cacheTtlMs, loadLink, peekLink, type TrackedLink } from "../services/link-cache";
import type { AppEnv } from "./app-env";
import { redirectTo, visitorPage } from "./visitor-page";

export const clicks = new Hono<AppEnv>();

const SUB_ID_MAX = 255;
const USER_AGENT_MAX = 512;
const NO_STORE = "private, no-store";
// A 1×1 transparent GIF.
const PIXEL = Uint8Array.from(
  atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  (c) => c.charCodeAt(0),
);

/**
 * The cached link when warm (no I/O at all), else one D1 read shared by concurrent misses;
 * "unavailable" when D1 cannot be read and the isolate has no copy.
 */
async function trackedLink(
  env: Env,
  linkId: string,
  now: number,
): Promise<TrackedLink | null | "unavailable"> {
  if (!isLinkId(linkId)) return null;
  const cached = peekLink(linkId, now);
  if (cached !== undefined) return cached;
  try {
    return await loadLink(env.DB, linkId, cacheTtlMs(env));
  } catch {
    return "unavailable";
  }
}

function visitOf(c: Context<AppEnv>) {
  return {
    method: c.req.method,
    userAgent: c.req.header("User-Agent") ?? null,
    secPurpose: c.req.header("Sec-Purpose") ?? null,
    purpose: c.req.header("Purpose") ?? null,
  };
}

clicks.get("/c/:linkId", async (c) => {
  const now = Date.now();
  const linkId = c.req.param("linkId");
  const found = await trackedLink(c.env, linkId, now);
  if (found === "unavailable") return visitorPage(c.env, 503);
  if (!found || found.link.disabled) return visitorPage(c.env, 404, "Unknown or disabled link.\n");
  const { link, program } = found;
  const query = c.req.query();
  const destination = allowedUrl(query.url, program.allowedDomains) ?? found.defaultDestination;
  const visit = visitOf(c);

  if (notAClick(visit)) {
    countHit(c.env, c.executionCtx, link.id, "bot_hits", now);
    return redirectTo(withoutClickId(destination));
  }

  const clickId = newId(now);
  const sub = (n: number) => {
    const value = query[`sub${n}`];
    return value ? cutChars(value, SUB_ID_MAX) : null;
  };
  const { userAgent } = visit;
  saveClick(
    c.env,
    c.executionCtx,
    {
      id: clickId,
      linkId: link.id,
      programId: program.id,
      partnerId: link.partnerId,
      createdAt: now,
      subIds: [sub(1), sub(2), sub(3), sub(4), sub(5)],
      country: (c.req.raw.cf?.country as string | undefined) ?? null,
      userAgent: userAgent ? cutChars(userAgent, USER_AGENT_MAX) : null,
      refererHost: hostOf(c.req.header("Referer")),
    },
    c.req.header("CF-Connecting-IP") ?? null,
  );
  // Only programs in first-party mode pay for parsing the request's host.
  const cookieDomain = program.firstPartyCookieDomain;
  const cookie = cookieDomain
    ? firstPartyCookie(
        new URL(c.req.url).hostname,
        cookieDomain,
        clickId,
        program.attributionWindowDays,
      )
    : null;
  return redirectTo(withClickId(destination, clickId), cookie);
});

clicks.get("/i/:linkId", async (c) => {
  const now = Date.now();
  const found = await trackedLink(c.env, c.req.param("linkId"), now);
  if (found && found !== "unavailable" && !found.link.disabled && !notAClick(visitOf(c))) {
    countHit(c.env, c.executionCtx, found.link.id, "impressions", now);
  }
  return new Response(PIXEL, {
    headers: {
      "Content-Type": "image/gif",
      "Cache-Control": NO_STORE,
      "Content-Length": String(PIXEL.length),
    },
  });
});
