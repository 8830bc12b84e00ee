import type { PostbackLogEntry } from "../domain/entities";
import { newLogId } from "../domain/ids";
import { POSTBACK_FIELD_NAMES } from "../domain/postback-fields";
import { cutChars } from "../domain/text";
import { logEvent, reasonOf } from "../platform/log";
import { withRetries } from "../platform/timers";
import { insertLogStatement } from "../storage/postback-log";
import { admitPostback } from "./postback-limiter";

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

/**
 * Writes a postback-log row after the answer (registrations log inside their own transaction).
 * With `limit`, the row is written only while the program's log takes that many such rows a minute.
 */
export async function writeLog(env: Env, entry: PostbackLogEntry, limit?: number): Promise<void> {
  if (
    limit !== undefined &&
    (await admitPostback(env, entry.programId, "rejected_keys", limit)) !== true
  )
    return;
  try {
    await withRetries(() => insertLogStatement(env.DB, entry).run(), {
      attempts: 3,
      baseDelayMs: 100,
    });
  } catch (error) {
    logEvent(
      "postback_log_failed",
      { programId: entry.programId, outcome: entry.outcome, reason: reasonOf(error) },
      "error",
    );
  }
}
