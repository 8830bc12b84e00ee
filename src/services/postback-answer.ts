import { POSTBACK_FIELD_NAMES } from "../domain/postback-fields";
import { cutChars } from "../domain/text";
import type { ApiError } from "../errors";
import { newLogId, type PostbackLogEntry } from "../storage/postback-log";

/** What a postback is answered, and the log row still to write (null when already written). */
export type PostbackAnswer =
  | { ok: true; status: 200 | 201; body: Record<string, unknown>; log: PostbackLogEntry | null }
  | { ok: false; error: ApiError; log: PostbackLogEntry | null };

const LOGGED_VALUE_MAX = 1024;

/** The fields as received, for the log: known names only, never the key, each value bounded. */
export function loggedFields(fields: Record<string, unknown>): Record<string, string> {
  const logged: Record<string, string> = {};
  for (const name of POSTBACK_FIELD_NAMES) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value)
      ? value.map(String).join(name === "cids" ? "-" : ";")
      : String(value);
    logged[name] = cutChars(text, LOGGED_VALUE_MAX);
  }
  return logged;
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
