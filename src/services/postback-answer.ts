import { POSTBACK_FIELD_NAMES } from "../domain/postback-fields";
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

export const conflict = (conversionId: string) =>
  new ApiError("conversion_id_conflict", { details: { conversion_id: conversionId } });

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
