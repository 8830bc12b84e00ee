import { config } from "../config";
import { Budget, clientKey } from "../domain/budget";
import { clickUrlTemplate, withoutClickId } from "../domain/click-url";
import { allowedUrl } from "../domain/destination";
import { isLinkId } from "../domain/ids";
import { isSignedLinkId, SIGNED_LINK_ID_LENGTH } from "../domain/link-signature";
import { withTimeout } from "../platform/timers";
import { getLinkWithProgram, type LinkWithProgram } from "../storage/links";

/**
 * Link and program configuration, cached in the isolate so a warm redirect reads nothing from D1.
 * Unknown links are cached too (as null), so random link IDs cannot hammer the database. A change
 * made through the admin API clears this isolate's entries at once; other isolates see it when
 * their entry expires (LINK_CACHE_TTL_SECONDS, default 60).
 */
export interface TrackedLink extends LinkWithProgram {
  /**
   * The default destination (the link's own if still on the allowed domains, else the program's
   * landing URL) with `aecid` set, edited once per cache fill, not per redirect.
   */
  clickUrl: (clickId: string) => string;
  /** The default destination without any aecid: where bots and prefetches go. */
  botUrl: string;
}

interface Entry {
  value: TrackedLink | null;
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;
export const LINK_READ_TIMEOUT_MS = 3_000;
const entries = new Map<string, Entry>();
const loading = new Map<string, Promise<TrackedLink | null>>();

function track(found: LinkWithProgram | null): TrackedLink | null {
  if (!found) return null;
  const { link, program } = found;
  // A destination that a later change of allowed domains put off-list falls back to the landing URL.
  const own = link.destination ? allowedUrl(link.destination, program.allowedDomains) : null;
  const defaultDestination = own ?? program.landingUrl;
  return {
    link,
    program,
    clickUrl: clickUrlTemplate(defaultDestination),
    botUrl: withoutClickId(defaultDestination),
  };
}

/** The cached entry, without any I/O; undefined when absent or stale. */
export function peekLink(id: string, now: number): TrackedLink | null | undefined {
  const entry = entries.get(id);
  if (!entry || entry.expiresAt <= now) return undefined;
  // Least recently used goes first: a used entry moves to the end of the Map's order.
  entries.delete(id);
  entries.set(id, entry);
  return entry.value;
}

/**
 * Reads the link from D1, once for any number of concurrent misses on the same ID. If D1 fails and
 * this isolate still has an expired copy, the copy serves (and the next request tries D1 again):
 * a visitor is not turned away because a refresh failed.
 */
export function loadLink(db: D1Database, id: string, ttlMs: number): Promise<TrackedLink | null> {
  return read(db, id, ttlMs).catch((error: unknown) => {
    const stale = entries.get(id);
    if (stale) return stale.value;
    throw error;
  });
}

function read(db: D1Database, id: string, ttlMs: number): Promise<TrackedLink | null> {
  let pending = loading.get(id);
  if (!pending) {
    const fromD1 = getLinkWithProgram(db, id).then((found) => {
      const value = track(found);
      entries.delete(id);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(id, { value, expiresAt: Date.now() + ttlMs });
      return value;
    });
    // Later requests share this read; if the request that started it is cancelled, its promise
    // may never settle, so it is given up on after a while and the next miss reads again.
    const shared = withTimeout(fromD1, LINK_READ_TIMEOUT_MS, () => {
      throw new Error("link read timed out");
    }).finally(() => {
      if (loading.get(id) === shared) loading.delete(id);
    });
    loading.set(id, shared);
    pending = shared;
  }
  return pending;
}

/**
 * The link a redirect follows: the cached entry when warm (no I/O at all), else one D1 read shared
 * by concurrent misses; "unavailable" when D1 cannot be read and the isolate has no copy, or when
 * an ID it cannot vouch for finds the lookup budget spent (see `mayLookUp`).
 */
export async function findLink(
  env: Env,
  linkId: string,
  now: number,
  client: string | null = null,
): Promise<TrackedLink | null | "unavailable"> {
  if (!isLinkId(linkId)) return null;
  const cached = peekLink(linkId, now);
  if (cached !== undefined) return cached;
  const allowed = await mayLookUp(env, linkId, client, now);
  if (allowed !== true) return allowed;
  try {
    return await loadLink(env.DB, linkId, config(env).linkCacheTtlMs);
  } catch {
    return "unavailable";
  }
}

/** Link IDs have 10 characters (unsigned, older) or 12 (signed); no other length was issued. */
const ISSUED_LENGTHS = new Set([10, SIGNED_LINK_ID_LENGTH]);
const lookups = new Budget({ rate: 5, burst: 10 });
const lookupsPerClient = new Budget({ rate: 0.2, burst: 5 });

/**
 * Random link IDs must not make D1 the bottleneck. A signed ID, or one this isolate has known,
 * is looked up freely; an ID of a length never issued is unknown without a lookup; any other
 * (an older, unsigned ID, or a signed one whose key changed) only within a budget per client and
 * per isolate. Past it the visitor is asked to retry (a plain 503): never lost for good.
 */
async function mayLookUp(
  env: Env,
  linkId: string,
  client: string | null,
  now: number,
): Promise<true | null | "unavailable"> {
  if (!ISSUED_LENGTHS.has(linkId.length)) return null;
  if (entries.has(linkId)) return true;
  const secret = config(env).linkIdSecret;
  if (secret && (await isSignedLinkId(secret, linkId))) return true;
  const allowed = lookupsPerClient.spend(clientKey(client), now) && lookups.spend("isolate", now);
  return allowed ? true : "unavailable";
}

/** Drops this isolate's cached configuration after an admin change. */
export function forgetLinks(): void {
  entries.clear();
}
