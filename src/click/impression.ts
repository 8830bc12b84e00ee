import { notAClick } from "../domain/visitors";
import { findLink } from "./link-cache";
import { visitOf } from "./redirect";
import { sink } from "./sink";

// A 1×1 transparent GIF.
const PIXEL = Uint8Array.from(
  atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  (c) => c.charCodeAt(0),
);

/**
 * `GET /i/:linkId`, the impression pixel: counts a human's view of an enabled link through the
 * sink, and always answers the pixel, so a page never shows a broken image.
 */
export async function trackImpression(
  request: Request,
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  linkId: string,
): Promise<Response> {
  const now = Date.now();
  const found = await findLink(env, linkId, now, request.headers.get("CF-Connecting-IP"));
  if (found && found !== "unavailable" && !found.link.disabled && !notAClick(visitOf(request))) {
    sink.hit(env, ctx, found.link.id, "impressions", now);
  }
  return new Response(PIXEL, {
    headers: {
      "Content-Type": "image/gif",
      "Cache-Control": "private, no-store",
      "Content-Length": String(PIXEL.length),
    },
  });
}
