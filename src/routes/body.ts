import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../errors";

/** Postback and admin bodies are small; anything past 64 KB is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("payload_too_large");
  },
});

/**
 * An empty body is no body, whatever its Content-Type: many HTTP clients send
 * `Content-Type: application/json` on every request, also on a POST whose body is optional.
 */
// A plain handler, not `createMiddleware`: hono/factory brings the full Hono class (and its
// routers) onto the postback path, which routes with hono/tiny.
export const emptyBodyIsNoBody: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "POST" && c.req.header("Content-Type") !== undefined) {
    if ((await c.req.text()).trim() === "") {
      const headers = new Headers(c.req.raw.headers);
      headers.delete("Content-Type");
      c.req.raw = new Request(c.req.raw.url, { method: "POST", headers });
      c.req.bodyCache = {};
    }
  }
  await next();
};
