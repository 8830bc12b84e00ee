import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Hono } from "hono/tiny";
import { enqueueEvents } from "../delivery/events";
import { ApiError } from "../errors";
import { logEvent, reasonOf } from "../platform/log";
import { writeLog } from "../postback/postback-log";
import { handleSourceEvent } from "../sources/handle-source-event";
import { snippetResponse } from "../sources/shopify-snippet";
import { recordEvent } from "../storage/source-events";
import type { AppEnv } from "./app-env";
import { errorResponse } from "./error-response";
import { errorAnswer, notFoundAnswer } from "./fallback-answers";

/**
 * Platforms' events are bigger than postbacks (a Shopify order with its lines, a Stripe object
 * with its metadata); past this they are refused before they are read whole.
 */
export const MAX_SOURCE_BODY_BYTES = 1024 * 1024;

export const limitSourceBody = bodyLimit({
  maxSize: MAX_SOURCE_BODY_BYTES,
  onError: () => {
    throw new ApiError("payload_too_large");
  },
});

/**
 * `POST /sources/:sourceId` (and the Shopify snippet, `GET /sources/shopify.js`), loaded by the router on the first such request: a postback's or a
 * redirect's isolate never evaluates it. The log row, the outbound event and the event's
 * decision are written after the answer, as a postback's are.
 */
async function answerSourceEvent(c: Context<AppEnv>): Promise<Response> {
  const answer = await handleSourceEvent(c.env, {
    sourceId: c.req.param("sourceId") ?? "",
    body: await c.req.text(),
    headers: c.req.raw.headers,
  });
  const { env, executionCtx } = c;
  if (answer.log) executionCtx.waitUntil(writeLog(env, answer.log, answer.logLimit));
  const events = [...(answer.event ? [answer.event] : []), ...(answer.laterEvents ?? [])];
  if (events.length) executionCtx.waitUntil(enqueueEvents(env, events));
  const { seen } = answer;
  if (seen) {
    executionCtx.waitUntil(
      recordEvent(env.DB, seen).catch((error: unknown) =>
        // Only an optimisation is lost: a redelivery goes through registration again, which
        // answers it as the replay it is.
        logEvent("source_event_record_failed", { reason: reasonOf(error) }, "error"),
      ),
    );
  }
  if (answer.error) return errorResponse(answer.error);
  return c.json(answer.body ?? {}, answer.status, { "Cache-Control": "no-store" });
}

/** The Shopify theme snippet's path (README "Shopify"); no source ID is this. */
export const SHOPIFY_SNIPPET_PATH = "/sources/shopify.js";

export const sourceApp = new Hono<AppEnv>()
  .get(SHOPIFY_SNIPPET_PATH, () => snippetResponse())
  .post("/sources/:sourceId", limitSourceBody, answerSourceEvent)
  .notFound(notFoundAnswer)
  .onError(errorAnswer);
