import { type Context, Hono } from "hono";
import { sinkClick, sinkHit } from "../click/click-sink";
import { findLink } from "../click/link-cache";
import { withClickId, withoutClickId } from "../domain/click-url";
import { firstPartyCookie } from "../domain/cookie";
import { allowedUrl } from "../domain/destination";
import { newId } from "../domain/ids";
import { cutChars, hostOf } from "../domain/text";
import { notAClick } from "../domain/visitors";
import type { AppEnv } from "./app-env";
import { redirectTo, visitorPage } from "./visitor-page";

/** The visitor's side: tracking links (`/c/:linkId`) and impression pixels (`/i/:linkId`). */
export const clicksRoutes = new Hono<AppEnv>();

const SUB_ID_MAX = 255;
const USER_AGENT_MAX = 512;
// A 1×1 transparent GIF.
const PIXEL = Uint8Array.from(
  atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  (c) => c.charCodeAt(0),
);

function visitOf(c: Context<AppEnv>) {
  return {
    method: c.req.method,
    userAgent: c.req.header("User-Agent") ?? null,
    secPurpose: c.req.header("Sec-Purpose") ?? null,
    purpose: c.req.header("Purpose") ?? null,
  };
}

clicksRoutes.get("/c/:linkId", async (c) => {
  const now = Date.now();
  const client = c.req.header("CF-Connecting-IP") ?? null;
  const found = await findLink(c.env, c.req.param("linkId"), now, client);
  if (found === "unavailable") return visitorPage(c.env, 503);
  if (!found || found.link.disabled) return visitorPage(c.env, 404, "Unknown or disabled link.\n");
  const { link, program } = found;
  const query = c.req.query();
  const destination = allowedUrl(query.url, program.allowedDomains) ?? found.defaultDestination;
  const visit = visitOf(c);

  if (notAClick(visit)) {
    sinkHit(c.env, c.executionCtx, link.id, "bot_hits", now);
    return redirectTo(withoutClickId(destination));
  }

  const clickId = newId(now);
  const sub = (n: number) => {
    const value = query[`sub${n}`];
    return value ? cutChars(value, SUB_ID_MAX) : null;
  };
  const { userAgent } = visit;
  sinkClick(
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
    client,
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

clicksRoutes.get("/i/:linkId", async (c) => {
  const now = Date.now();
  const found = await findLink(c.env, c.req.param("linkId"), now, c.req.header("CF-Connecting-IP"));
  if (found && found !== "unavailable" && !found.link.disabled && !notAClick(visitOf(c))) {
    sinkHit(c.env, c.executionCtx, found.link.id, "impressions", now);
  }
  return new Response(PIXEL, {
    headers: {
      "Content-Type": "image/gif",
      "Cache-Control": "private, no-store",
      "Content-Length": String(PIXEL.length),
    },
  });
});
