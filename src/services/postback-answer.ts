import type { CidReason } from "../domain/attribution";
import { POSTBACK_FIELD_NAMES, type PostbackInput } from "../domain/postback-fields";
import { cutChars } from "../domain/text";
import { ApiError, RETRY_AFTER_SECONDS } from "../errors";
import { newLogId, type PostbackLogEntry } from "../storage/postback-log";

/**
 * What a postback is answered, and the log row still to write (null when already written); with
 * `logLimit`, the row is only written if the program's log takes that many such rows a minute.
 */
export type PostbackAnswer = (
  | { ok: true; status: 200 | 201; body: Record<string, unknown> }
  | { ok: false; error: ApiError }
) & { log: PostbackLogEntry | null; logLimit?: number };

export const unavailable = () =>
  new ApiError("temporarily_unavailable", {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });

/** The order `id` is taken by a conversion that credits someone else. */
export const conflict = (existing: { id: string; orderId: string }) =>
  new ApiError("conversion_id_conflict", {
    details: { id: existing.orderId, conversion_id: existing.id },
  });

/** The 422 of a postback nothing in which credits a partner; with no `cids`, it says so. */
export function nothingToAttribute(
  input: PostbackInput,
  cids: Record<string, CidReason>,
): ApiError {
  if (input.cids.length > 0) return new ApiError("no_attributable_click", { details: { cids } });
  const vouchers = input.vouchers.length
    ? "and none of its vouchers is assigned to a partner"
    : "and no voucher";
  return new ApiError("no_attributable_click", {
    message: `The postback has no click IDs (\`cids\`) ${vouchers}: nothing can be attributed to a partner.`,
  });
}

/** A successful answer's body, with a note when the amount was rounded to its minor unit. */
export function withNotes<T extends object>(body: T, input: PostbackInput): T {
  return input.amountNote ? { ...body, warnings: { amount: input.amountNote } } : body;
}

const LOGGED_VALUE_MAX = 1024;

/** The fields as received, for the log: known names only, never the key, each value bounded. */
export function loggedFields(fields: Record<string, unknown>): Record<string, string> {
  const logged: Record<string, string> = {};
  for (const name of POSTBACK_FIELD_NAMES) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    logged[name] = cutChars(asText(value, name === "cids" ? "-" : ";"), LOGGED_VALUE_MAX);
  }
  return logged;
}

/** Any JSON value as text, without calling code a hostile body could have put in it. */
function asText(value: unknown, separator: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((item) => asText(item, separator)).join(separator);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

export function logEntry(
  programId: string,
  fields: Record<string, unknown>,
  now: number,
  httpStatus: number,
  outcome: string,
  conversionId: string | null = null,
): PostbackLogEntry {
  return {
    programId,
    id: newLogId(now),
    receivedAt: now,
    httpStatus,
    outcome,
    conversionId,
    fields: loggedFields(fields),
  };
}
