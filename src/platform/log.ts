/**
 * The Worker's one structured logger: a JSON line per event, `{"event": name, ...fields}`. Fields
 * never carry a key, a token, an IP or a body (the test suite checks every line it sees).
 */
export function logEvent(
  event: string,
  fields: Record<string, unknown> = {},
  level: "info" | "error" = "info",
): void {
  const line = JSON.stringify({ event, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

/** What went wrong, in words, from anything thrown. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
