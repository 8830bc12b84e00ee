import { Hono } from "hono";
import { ApiError } from "./errors";
import { adminApi } from "./routes/admin";
import type { AppEnv } from "./routes/app-env";
import { clicks } from "./routes/clicks";
import { errorResponse } from "./routes/error-response";
import { postbacks } from "./routes/postbacks";

export const app = new Hono<AppEnv>();

/** No legitimate link, postback or admin call comes near this; Cloudflare's own limit is 16 KB. */
const MAX_URL_LENGTH = 8 * 1024;

app.use("*", async (c, next) => {
  if (c.req.url.length > MAX_URL_LENGTH) throw new ApiError("uri_too_long");
  await next();
});

app.route("/api", adminApi);
app.route("/", clicks);
app.route("/", postbacks);

app.notFound((c) => {
  const path = c.req.path;
  if (path === "/api" || path.startsWith("/api/")) return errorResponse(new ApiError("not_found"));
  return c.text("Not found", 404, { "Cache-Control": "no-store" });
});

app.onError((error) => errorResponse(error));
