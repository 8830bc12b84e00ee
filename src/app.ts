import { type Context, Hono } from "hono";
import { ApiError } from "./errors";
import { adminApi } from "./routes/admin";
import type { AppEnv } from "./routes/app-env";
import { clicksRoutes } from "./routes/clicks";
import { errorResponse, toApiError } from "./routes/error-response";
import { postbackRoutes } from "./routes/postbacks";
import { isMachineRequest, visitorPage } from "./routes/visitor-page";

export const app = new Hono<AppEnv>();

/** No legitimate link, postback or admin call comes near this; Cloudflare's own limit is 16 KB. */
const MAX_URL_LENGTH = 8 * 1024;

const forMachine = (c: Context<AppEnv>) =>
  isMachineRequest(new URL(c.req.url), c.req.header("Authorization"));

app.use("*", async (c, next) => {
  if (c.req.url.length > MAX_URL_LENGTH) {
    if (forMachine(c)) throw new ApiError("uri_too_long");
    return visitorPage(c.env, 414);
  }
  await next();
});

app.route("/api", adminApi);
app.route("/", clicksRoutes);
app.route("/", postbackRoutes);

app.notFound((c) =>
  forMachine(c) ? errorResponse(new ApiError("not_found")) : visitorPage(c.env, 404),
);

app.onError((error, c) => {
  if (forMachine(c)) return errorResponse(error);
  toApiError(error); // logs what was unexpected
  return visitorPage(c.env, 503);
});
