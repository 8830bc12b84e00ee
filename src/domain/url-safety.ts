/**
 * Where an outbound postback or webhook may be sent: an `https:` URL without credentials on a
 * public host. The URL is judged as the WHATWG parser (the one `fetch` uses) reads it, so every
 * notation of an address (decimal `2130706433`, octal `0177.0.0.1`, hex `0x7f.1`, IPv4-mapped
 * IPv6 `[::ffff:7f00:1]`, IPv4-translated `[::ffff:0:7f00:1]`, 6to4 `[2002:7f00:1::]`) is seen as
 * the address it is. Refused: names without a dot (`localhost`, `ip6-loopback`), `*.localhost`,
 * and IP literals of private, loopback, link-local, site-local, shared (CGNAT), documentation,
 * multicast and other special ranges; and, against redirectors, a URL that carries in its path or
 * query another URL aimed at such a host.
 */

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), as [first, bits]. */
const PRIVATE_V4: [number, number][] = [
  [ip4("0.0.0.0"), 8],
  [ip4("10.0.0.0"), 8],
  [ip4("100.64.0.0"), 10],
  [ip4("127.0.0.0"), 8],
  [ip4("169.254.0.0"), 16],
  [ip4("172.16.0.0"), 12],
  [ip4("192.0.0.0"), 24],
  [ip4("192.0.2.0"), 24],
  [ip4("192.88.99.0"), 24],
  [ip4("192.168.0.0"), 16],
  [ip4("198.18.0.0"), 15],
  [ip4("198.51.100.0"), 24],
  [ip4("203.0.113.0"), 24],
  [ip4("224.0.0.0"), 4],
  [ip4("240.0.0.0"), 4],
];

function ip4(dotted: string): number {
  return dotted.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function isPrivateV4(value: number): boolean {
  return PRIVATE_V4.some(
    ([first, bits]) =>
      Math.floor(value / 2 ** (32 - bits)) === Math.floor(first / 2 ** (32 - bits)),
  );
}

/** The 8 groups of an IPv6 literal as the URL parser serialises it (`::` expanded). */
function groups6(host: string): number[] | null {
  const inner = host.slice(1, -1);
  const [head = "", tail] = inner.split("::");
  const parse = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = 8 - left.length - right.length;
  if (zeros < 0 || (tail === undefined && zeros !== 0)) return null;
  return [...left, ...new Array(zeros).fill(0), ...right];
}

function isPrivateV6(host: string): boolean {
  const g = groups6(host);
  if (!g || g.some((n) => Number.isNaN(n))) return true;
  const [a = 0, b = 0] = g;
  if (g.slice(0, 7).every((n) => n === 0) && (g[7] ?? 0) <= 1) return true; // :: and ::1
  if (g.slice(0, 5).every((n) => n === 0) && (g[5] === 0xffff || g[5] === 0)) {
    return isPrivateV4((g[6] ?? 0) * 65_536 + (g[7] ?? 0)); // IPv4-mapped or -compatible
  }
  if (g.slice(0, 4).every((n) => n === 0) && g[4] === 0xffff && g[5] === 0) {
    return isPrivateV4((g[6] ?? 0) * 65_536 + (g[7] ?? 0)); // IPv4-translated ::ffff:0:0:0/96
  }
  if (a === 0x64 && b === 0xff9b) return isPrivateV4((g[6] ?? 0) * 65_536 + (g[7] ?? 0)); // NAT64
  if (a === 0x2002) return isPrivateV4(b * 65_536 + (g[2] ?? 0)); // 6to4 2002::/16
  if ((a & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated, still routed inside)
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  return false;
}

/** Why this host is not a public internet host, or null when it is one. */
export function nonPublicHost(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) return isPrivateV6(host) ? "is a non-public IPv6 address" : null;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    return isPrivateV4(ip4(host)) ? "is a private, loopback or reserved IPv4 address" : null;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return "is localhost";
  if (!/^[a-z0-9.-]+$/.test(host)) return "is not a valid host name";
  if (!host.includes(".")) return "is not a public host name (it has no dot)";
  return null;
}

/** URLs carried inside a URL's path or query (a redirector's target), decoded. */
function embeddedUrls(url: URL): string[] {
  const found: string[] = [];
  const look = (text: string) => {
    for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi)) found.push(match[0]);
  };
  let decoded = `${url.pathname}?${url.search}`;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      break;
    }
  }
  look(decoded);
  return found;
}

/**
 * Where the request itself goes: the scheme, credentials and host. This is what a filled postback
 * URL is checked for before it is sent: a URL carried in its query is then a sub-ID's value, data
 * for the partner, and is not judged.
 */
export function checkDestination(raw: string, allowInsecure: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "is not an absolute URL" };
  }
  if (allowInsecure) {
    return url.protocol === "https:" || url.protocol === "http:"
      ? { ok: true, url }
      : { ok: false, reason: "must be an http(s) URL" };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "must be an https: URL" };
  if (url.username || url.password) return { ok: false, reason: "must not carry credentials" };
  const host = nonPublicHost(url.hostname);
  if (host) return { ok: false, reason: `must be on a public host: ${url.hostname} ${host}` };
  return { ok: true, url };
}

/** An endpoint's URL as it may be stored: its destination, and no redirector to a private host. */
export function checkOutboundUrl(raw: string, allowInsecure: boolean): UrlVerdict {
  const verdict = checkDestination(raw, allowInsecure);
  if (!verdict.ok || allowInsecure) return verdict;
  for (const inner of embeddedUrls(verdict.url)) {
    let target: URL;
    try {
      target = new URL(inner);
    } catch {
      continue;
    }
    if (nonPublicHost(target.hostname)) {
      return { ok: false, reason: "must not carry a URL to a non-public host (a redirector)" };
    }
  }
  return verdict;
}
