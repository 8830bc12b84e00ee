import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What every log line of the work under way carries: the request's ID (its `cf-ray`, which
 * Cloudflare's dashboard and the `X-Request-Id` header show too), or the queue messages' IDs.
 */
export type LogContext =
  | { request_id: string }
  | { message_id: string }
  | { message_ids: string[] };

const current = new AsyncLocalStorage<LogContext>();

/**
 * Runs `work` with `context` on each of its log lines, including those of the promises it
 * starts and hands to `waitUntil`, which keep the context they were made in.
 */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return current.run(context, work);
}

/** The ID of the request under way, if the work under way is one. */
export function currentRequestId(): string | undefined {
  const context = current.getStore();
  return context && "request_id" in context ? context.request_id : undefined;
}

/**
 * The Worker's one structured logger: a JSON line per event, `{"event": name, ...context,
 * ...fields}`. Fields never carry a key, a token, an IP or a body (the test suite checks every
 * line it sees).
 */
export function logEvent(
  event: string,
  fields: Record<string, unknown> = {},
  level: "info" | "error" = "info",
): void {
  const line = JSON.stringify({ event, ...current.getStore(), ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

/** What went wrong, in words, from anything thrown. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
