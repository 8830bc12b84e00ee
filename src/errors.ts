import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error code the public contract knows, with its HTTP status and default message. */
export const ERRORS = {
  invalid_request: { status: 400, message: "The request breaks a field's rule." },
  invalid_key: { status: 401, message: "The conversion key is missing or not valid." },
  passkey_invalid: { status: 401, message: "This passkey does not sign in here." },
  invalid_signature: {
    status: 400,
    message:
      "The webhook signature is missing, too old or not made with this source's signing secret; nothing was changed.",
  },
  unauthorized: {
    status: 401,
    message: "A valid admin bearer token (or Cloudflare Access sign-in) is required.",
  },
  partner_unauthorized: {
    status: 401,
    message: "Sign in to the partner portal, or send a partner API token (`Bearer pt_…`).",
  },
  invite_invalid: {
    status: 401,
    message: "This invite is unknown, used or expired; ask the program's operator for a new one.",
  },
  cross_site_request: {
    status: 403,
    message: "A change signed in by a browser's credentials must come from this origin.",
  },
  token_scope: {
    status: 403,
    message: "A partner API token reads, and creates links; sign in to the portal for the rest.",
  },
  not_found: { status: 404, message: "No such resource." },
  method_not_allowed: { status: 405, message: "This method is not allowed here." },
  click_already_converted: {
    status: 409,
    message: "The attributed click was already converted by another order `id`.",
  },
  conversion_id_conflict: {
    status: 409,
    message: "This order `id` was registered before with a different attribution.",
  },
  application_decided: {
    status: 409,
    message: "This application was approved or rejected already; nothing was changed.",
  },
  nothing_payable: {
    status: 409,
    message: "No partner's payable balance in this currency reaches the minimum; no payout made.",
  },
  payout_decided: {
    status: 409,
    message: "This payout was paid or cancelled already; nothing was changed.",
  },
  statement_not_issued: {
    status: 409,
    message: "Statements are issued when a payout is marked paid; this one is not paid yet.",
  },
  payout_details_missing: {
    status: 409,
    message:
      "Some partners in this payout have no payout details this file can pay (see `partner_ids`); nothing was changed.",
  },
  payout_not_eur: {
    status: 409,
    message: "A SEPA credit transfer is in euros; this payout is in another currency.",
  },
  payout_too_large_for_sepa: {
    status: 409,
    message:
      "A SEPA transfer is at most 999,999,999.99 EUR; these partners' totals are above it (see `partner_ids`).",
  },
  paypal_whole_units_only: {
    status: 409,
    message:
      "PayPal pays HUF, JPY and TWD in whole units only; these partners' totals have decimals (see `partner_ids`). Pay them by another file, or cancel and adjust.",
  },
  payer_settings_missing: {
    status: 409,
    message: "Set the payer's name, IBAN and BIC (PUT /api/payout-settings) before a SEPA export.",
  },
  payload_too_large: { status: 413, message: "The request body is too large." },
  uri_too_long: { status: 414, message: "The request URL is too long." },
  unsupported_media_type: {
    status: 415,
    message: "Send JSON (application/json) or a form (application/x-www-form-urlencoded).",
  },
  no_attributable_click: {
    status: 422,
    message: "Nothing in this postback can be attributed to a partner.",
  },
  rate_limited: { status: 429, message: "Too many postbacks for this program; retry later." },
  temporarily_unavailable: {
    status: 503,
    message: "Storage is temporarily unavailable; nothing was registered, retry later.",
  },
  access_unavailable: {
    status: 503,
    message: "Cloudflare Access's signing keys could not be fetched; retry later.",
  },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Extra members of `error` beyond code and message (`fields`, `cids`, …). */
export type ErrorDetails = Record<string, unknown>;

/** A failure the client should see, rendered by the app's single error handler. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: ErrorDetails; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? ERRORS[code].message);
    this.code = code;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }

  get status(): ContentfulStatusCode {
    return ERRORS[this.code].status;
  }

  /** The spec's error shape; `requestId` is the request's, under `error.request_id`. */
  body(requestId?: string): ErrorBody {
    return {
      status: "rejected",
      error: {
        code: this.code,
        message: this.message,
        ...this.details,
        ...(requestId === undefined ? {} : { request_id: requestId }),
      },
    };
  }
}

export interface ErrorBody {
  status: "rejected";
  error: { code: ErrorCode; message: string; [detail: string]: unknown };
}

/** A 400 naming each rejected field and why. */
export function invalidFields(fields: Record<string, string>): ApiError {
  return new ApiError("invalid_request", { details: { fields } });
}

export const RETRY_AFTER_SECONDS = 30;
