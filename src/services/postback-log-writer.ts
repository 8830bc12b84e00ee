import { insertLogStatement, type PostbackLogEntry } from "../storage/postback-log";
import { withRetries } from "../storage/retry";
import { admitPostback } from "./postback-limits";

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
    console.error(
      JSON.stringify({
        event: "postback_log_failed",
        programId: entry.programId,
        outcome: entry.outcome,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
  }
}
