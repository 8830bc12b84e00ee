/**
 * What an audit entry keeps of a change's input: every field given, with the value of any field
 * named like a secret (`signing_secret`, a key, a token, a password) replaced, at any depth, so
 * the trail says that a secret changed, never what it is.
 */
export const SECRET_MARK = "[secret]";
const SECRET_NAME = /secret|key|token|password/i;

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === "object") {
    return auditFields(value as Record<string, unknown>);
  }
  return value;
}

export function auditFields(input: Record<string, unknown> | null | undefined) {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    fields[name] = SECRET_NAME.test(name) ? SECRET_MARK : scrub(value);
  }
  return fields;
}

/**
 * A URL as the trail keeps it: without its query string's values, which in a partner's postback
 * URL often carry the partner's own token (`?key=…`); the macros' names stay readable.
 */
export function urlForAudit(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const query = url.indexOf("?");
  if (query < 0) return url;
  const names = url
    .slice(query + 1)
    .split("&")
    .map((pair) => `${pair.split("=")[0]}=…`);
  return `${url.slice(0, query)}?${names.join("&")}`;
}
