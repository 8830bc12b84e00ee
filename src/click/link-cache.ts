import { config } from "../config";
import { allowedUrl } from "../domain/destination";
import { isLinkId } from "../domain/ids";
import { withTimeout } from "../platform/timers";
import { getLinkWithProgram, type LinkWithProgram } from "../storage/links";

/**
 * Link and program configuration, cached in the isolate so a warm redirect reads nothing from D1.
 * Unknown links are cached too (as null), so random link IDs cannot hammer the database. A change
 * made through the admin API clears this isolate's entries at once; other isolates see it when
 * their entry expires (LINK_CACHE_TTL_SECONDS, default 60).
 */
export interface TrackedLink extends LinkWithProgram {
  /** The link's own destination, or the program's landing URL, if still on the allowed domains. */
  defaultDestination: string;
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
  return { link, program, defaultDestination: own ?? program.landingUrl };
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
 * by concurrent misses; "unavailable" when D1 cannot be read and the isolate has no copy.
 */
export async function findLink(
  env: Env,
  linkId: string,
  now: number,
): Promise<TrackedLink | null | "unavailable"> {
  if (!isLinkId(linkId)) return null;
  const cached = peekLink(linkId, now);
  if (cached !== undefined) return cached;
  try {
    return await loadLink(env.DB, linkId, config(env).linkCacheTtlMs);
  } catch {
    return "unavailable";
  }
}

/** Drops this isolate's cached configuration after an admin change. */
export function forgetLinks(): void {
  entries.clear();
}
