import type { ErrorHandler, NotFoundHandler } from "hono";
import { isMachineRequest, visitorPage } from "../click/visitor-page";
import { ApiError } from "../errors";
import type { AppEnv } from "./app-env";
import { errorResponse, toApiError } from "./error-response";

/**
 * The answers of last resort, shared by app.ts's fast path, the router and the lazily loaded
 * admin API (which runs as its own Hono app): a machine gets the spec's error shape, a visitor
 * a plain page.
 */
export const forMachine = (request: Request) =>
  isMachineRequest(new URL(request.url), request.headers.get("Authorization") ?? undefined);

/** A visitor never sees a stack trace: what was unexpected is logged and the visitor may retry. */
export function failedVisit(error: unknown, env: Env): Response {
  toApiError(error); // logs what was unexpected
  return visitorPage(env, 503);
}

export const notFoundAnswer: NotFoundHandler<AppEnv> = (c) =>
  forMachine(c.req.raw) ? errorResponse(new ApiError("not_found")) : visitorPage(c.env, 404);

export const errorAnswer: ErrorHandler<AppEnv> = (error, c) =>
  forMachine(c.req.raw) ? errorResponse(error) : failedVisit(error, c.env);
