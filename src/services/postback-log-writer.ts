import { insertLogStatement, type PostbackLogEntry } from "../storage/postback-log";
import { withRetries } from "../storage/retry";

/** Writes a postback-log row after the answer (registrations log inside their own transaction). */
export async function writeLog(env: Env, entry: PostbackLogEntry): Promise<void> {
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
