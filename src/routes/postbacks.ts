import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { isRootPostback } from "../click/visitor-page";
import { enqueueEvents } from "../delivery/events";
import { ApiError, invalidFields } from "../errors";
import { handlePostback, type RawPostback } from "../postback/handle-postback";
import { writeLog } from "../postback/postback-log";
import type { AppEnv } from "./app-env";
import { bearerToken } from "./bearer";
import { limitBody } from "./body";
import { errorResponse } from "./error-response";

/** The advertiser's side: postbacks at the root (Affilae's form) and at `/postback`. */
export const postbackRoutes = new Hono<AppEnv>();

/** Reads a form or JSON body into plain fields; an empty body means "all in the query string". */
async function bodyFields(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  // An empty body is no body, whatever its Content-Type (SPEC).
  if ((await c.req.text()).trim() === "") return {};
  const type = (c.req.header("Content-Type") ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw invalidFields({ body: "is not valid JSON" });
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw invalidFields({ body: "must be a JSON object" });
    }
    return json as Record<string, unknown>;
  }
  if (
    type.startsWith("application/x-www-form-urlencoded") ||
    type.startsWith("multipart/form-data")
  ) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw invalidFields({ body: "is not a valid form" });
    }
    return Object.fromEntries(
      Object.entries(form).filter(([, value]) => typeof value === "string"),
    );
  }
  throw new ApiError("unsupported_media_type");
}

async function answer(c: Context<AppEnv>, raw: RawPostback): Promise<Response> {
  // Hono serves HEAD with the GET handler; a HEAD must not register anything.
  if (c.req.method === "HEAD") return errorResponse(new ApiError("method_not_allowed"));
  const outcome = await handlePostback(c.env, raw);
  if (outcome.log) c.executionCtx.waitUntil(writeLog(c.env, outcome.log, outcome.logLimit));
  const events = [...(outcome.event ? [outcome.event] : []), ...(outcome.laterEvents ?? [])];
  if (events.length) c.executionCtx.waitUntil(enqueueEvents(c.env, events));
  if (!outcome.ok) return errorResponse(outcome.error);
  return c.json(outcome.body, outcome.status, { "Cache-Control": "no-store" });
}

function queryRaw(c: Context<AppEnv>): RawPostback {
  const { key, ...fields } = c.req.query();
  return {
    key: key ?? bearerToken(c.req.header("Authorization")),
    fields,
    client: c.req.header("CF-Connecting-IP") ?? null,
  };
}

// The Affilae-compatible form: the tracking domain's root with the fields in the query string.
postbackRoutes.get("/", (c, next) =>
  isRootPostback(new URL(c.req.url), c.req.header("Authorization"))
    ? answer(c, queryRaw(c))
    : next(),
);
postbackRoutes.get("/postback", (c) => answer(c, queryRaw(c)));
postbackRoutes.post("/postback", limitBody, async (c) => {
  const query = queryRaw(c);
  const { key, ...fields } = await bodyFields(c);
  return answer(c, {
    key: typeof key === "string" ? key : query.key,
    client: query.client,
    fields: { ...query.fields, ...fields },
  });
});
