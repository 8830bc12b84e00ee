import { HTTPException } from "hono/http-exception";
import { ApiError, type ErrorCode, RETRY_AFTER_SECONDS } from "../errors";
import { currentRequestId, logEvent } from "../platform/log";

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: "invalid_request",
  401: "unauthorized",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** Turns whatever was thrown into the spec's error shape; never a stack trace. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    const code = BY_STATUS[error.status] ?? "invalid_request";
    // Hono's own 400s come from a body that would not parse.
    return code === "invalid_request"
      ? new ApiError(code, { details: { fields: { body: "is not valid JSON" } } })
      : new ApiError(code);
  }
  // Anything else is a storage or runtime failure: the client may retry. Only the error's kind
  // and message are logged; neither carries request data.
  const { name, message } =
    error instanceof Error ? error : { name: "Error", message: String(error) };
  logEvent("unexpected_error", { name, message }, "error");
  return new ApiError("temporarily_unavailable", {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

/** The error's answer, its body naming the request (`error.request_id`, as `X-Request-Id`). */
export function errorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  return Response.json(apiError.body(currentRequestId()), {
    status: apiError.status,
    headers: { "Cache-Control": "no-store", ...apiError.headers },
  });
}
