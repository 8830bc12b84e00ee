import { Hono } from "hono";
import { sink } from "../click/click-sink";
import { findLink } from "../click/link-cache";
import { notAClick } from "../domain/visitors";
import type { AppEnv } from "./app-env";
import { trackClick, visitOf } from "./click-redirect";

/** The visitor's side: tracking links (`/c/:linkId`) and impression pixels (`/i/:linkId`). */
export const clicksRoutes = new Hono<AppEnv>();

// A 1×1 transparent GIF.
const PIXEL = Uint8Array.from(
  atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  (c) => c.charCodeAt(0),
);

clicksRoutes.get("/c/:linkId", (c) =>
  trackClick(c.req.raw, c.env, c.executionCtx, c.req.param("linkId")),
);

clicksRoutes.get("/i/:linkId", async (c) => {
  const now = Date.now();
  const found = await findLink(c.env, c.req.param("linkId"), now, c.req.header("CF-Connecting-IP"));
  if (found && found !== "unavailable" && !found.link.disabled && !notAClick(visitOf(c.req.raw))) {
    sink.hit(c.env, c.executionCtx, found.link.id, "impressions", now);
  }
  return new Response(PIXEL, {
    headers: {
      "Content-Type": "image/gif",
      "Cache-Control": "private, no-store",
      "Content-Length": String(PIXEL.length),
    },
  });
});
