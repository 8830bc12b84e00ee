import { Hono } from "hono";
import { clickLinkIdOf, trackClick } from "./click/redirect";
import { isMachineRequest, visitorPage } from "./click/visitor-page";
import { ApiError } from "./errors";
import { withLogContext } from "./platform/log";
import { requestIdOf, withRequestId } from "./platform/request-id";
import { adminApi } from "./routes/admin";
import type { AppEnv } from "./routes/app-env";
import { errorResponse, toApiError } from "./routes/error-response";
import { postbackRoutes } from "./routes/postbacks";
import { visitorRoutes } from "./routes/visitors";

const hono = new Hono<AppEnv>();

/** No legitimate link, postback or admin call comes near this; Cloudflare's own limit is 16 KB. */
const MAX_URL_LENGTH = 8 * 1024;

const forMachine = (request: Request) =>
  isMachineRequest(new URL(request.url), request.headers.get("Authorization") ?? undefined);

hono.route("/api", adminApi);
hono.route("/", visitorRoutes);
hono.route("/", postbackRoutes);

hono.notFound((c) =>
  forMachine(c.req.raw) ? errorResponse(new ApiError("not_found")) : visitorPage(c.env, 404),
);

/** A visitor never sees a stack trace: what was unexpected is logged and the visitor may retry. */
function failedVisit(error: unknown, env: Env): Response {
  toApiError(error); // logs what was unexpected
  return visitorPage(env, 503);
}

hono.onError((error, c) =>
  forMachine(c.req.raw) ? errorResponse(error) : failedVisit(error, c.env),
);

/**
 * The Worker's `fetch`: the request's ID on its answer and on every log line of its work (also
 * of what it hands to `waitUntil`), then the URL length guard, the tracking link's fast path,
 * then Hono. The guard runs here rather than as a `*` middleware because a request that matches
 * a single handler skips Hono's middleware chain (compose, one promise per step), which the
 * redirect's profile showed; the fast path skips routing altogether for `GET /c/<link ID>`
 * (click/redirect.ts), and answers synchronously when it can.
 */
export const app = {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const id = requestIdOf(request);
    const answer = withLogContext({ request_id: id }, () => route(request, env, ctx));
    return answer instanceof Response
      ? withRequestId(answer, id)
      : answer.then((response) => withRequestId(response, id));
  },
};

function route(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
  const url = request.url;
  if (url.length > MAX_URL_LENGTH) {
    return forMachine(request)
      ? errorResponse(new ApiError("uri_too_long"))
      : visitorPage(env, 414);
  }
  const linkId = request.method === "GET" ? clickLinkIdOf(url) : null;
  if (linkId !== null) {
    try {
      const answer = trackClick(request, env, ctx, linkId, url);
      return answer instanceof Response ? answer : answer.catch((e) => failedVisit(e, env));
    } catch (error) {
      return failedVisit(error, env);
    }
  }
  return hono.fetch(request, env, ctx);
}
