/**
 * Where a tracking link may send a visitor: only `http:`/`https:` URLs whose host is one of the
 * program's allowed domains or a subdomain of one. Everything is judged on the URL as the WHATWG
 * parser (the one browsers use) reads it, never on the raw string, so userinfo tricks
 * (`a.com@evil.com`), backslashes, protocol-relative URLs and encoded hosts resolve to the host a
 * browser would actually visit.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Raw input with control characters, spaces or backslashes is refused outright: the parser would
// quietly strip or reinterpret them, and a tracker has no reason to accept such a link.
function hasSuspiciousCharacter(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}
const MAX_URL_LENGTH = 2048;

/** An operator-entered domain in canonical form (lower-case ASCII, punycode), or null. */
export function normaliseDomain(input: string): string | null {
  const candidate = input.trim().toLowerCase().replace(/\.$/, "");
  if (!candidate || candidate.length > 253 || /[\s/\\@:?#%*[\]]/.test(candidate)) return null;
  let host: string;
  try {
    host = new URL(`http://${candidate}/`).hostname;
  } catch {
    return null;
  }
  const labels = host.split(".");
  if (!labels.every((label) => LABEL.test(label))) return null;
  // An IP address or a bare top-level domain would make "subdomain of" meaningless.
  const last = labels[labels.length - 1] as string;
  if (/^[0-9]+$/.test(last)) return null;
  if (labels.length < 2 && host !== "localhost") return null;
  return host;
}

export function isAllowedHost(hostname: string, allowedDomains: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return allowedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** An absolute http(s) URL without credentials, parsed, or null. */
export function parseWebUrl(raw: string | undefined | null): URL | null {
  if (!raw || raw.length > MAX_URL_LENGTH || hasSuspiciousCharacter(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  return url;
}

/** The URL's canonical form when it is a safe destination for this program, else null. */
export function allowedUrl(raw: string | undefined | null, allowedDomains: readonly string[]) {
  const url = parseWebUrl(raw);
  return url && isAllowedHost(url.hostname, allowedDomains) ? url.href : null;
}
