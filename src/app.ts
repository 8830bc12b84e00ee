import { clickLinkIdOf, trackClick } from "./click/redirect";
import { visitorPage } from "./click/visitor-page";
import { ApiError } from "./errors";
import { withLogContext } from "./platform/log";
import { requestIdOf, withRequestId } from "./platform/request-id";
import { errorResponse } from "./routes/error-response";
import { failedVisit, forMachine } from "./routes/fallback-answers";

/** No legitimate link, postback or admin call comes near this; Cloudflare's own limit is 16 KB. */
const MAX_URL_LENGTH = 8 * 1024;

/**
 * The Hono router (postbacks, impressions, the admin API), loaded on the first request that is not
 * a tracking link's fast path: a fresh isolate evaluates only the redirect's code before its first
 * redirect (`npm run bundle:size`). Cached, so later requests wait one resolved promise.
 */
type Router = typeof import("./routes/router")["router"];
let router: Promise<Router> | undefined;

function loadRouter(): Promise<Router> {
  router ??= import("./routes/router").then(
    (module) => module.router,
    (error: unknown) => {
      router = undefined; // the next request tries again
      throw error;
    },
  );
  return router;
}

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
  return loadRouter().then(
    (hono) => hono.fetch(request, env, ctx),
    (error: unknown) => (forMachine(request) ? errorResponse(error) : failedVisit(error, env)),
  );
}
