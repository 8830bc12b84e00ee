/**
 * Adds `aecid=<click ID>` to a destination URL. The query string is edited as text, not through
 * URLSearchParams, which would re-encode every other parameter (`%20` becomes `+`, `/` becomes
 * `%2F`): the advertiser gets back exactly the parameters, order and fragment it configured.
 */

const PARAM = "aecid";

function isClickIdPair(pair: string): boolean {
  const raw = pair.split("=", 1)[0] as string;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " ")) === PARAM;
  } catch {
    return raw === PARAM;
  }
}

/** Rewrites the query's pairs, leaving everything before `?` and from `#` on untouched. */
function editQuery(destination: string, edit: (pairs: string[]) => string[]): string {
  const hashAt = destination.indexOf("#");
  const fragment = hashAt === -1 ? "" : destination.slice(hashAt);
  const beforeFragment = hashAt === -1 ? destination : destination.slice(0, hashAt);
  const queryAt = beforeFragment.indexOf("?");
  const base = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt === -1 ? "" : beforeFragment.slice(queryAt + 1);
  const pairs = edit(query === "" ? [] : query.split("&"));
  return `${base}${pairs.length ? `?${pairs.join("&")}` : ""}${fragment}`;
}

export function withClickId(destination: string, clickId: string): string {
  const ours = `${PARAM}=${clickId}`;
  return editQuery(destination, (pairs) => {
    const at = pairs.findIndex(isClickIdPair);
    // An aecid already there is replaced where it stands; any further copies are dropped.
    const kept = pairs.filter((pair, index) => index === at || !isClickIdPair(pair));
    if (at === -1) kept.push(ours);
    else kept[kept.findIndex(isClickIdPair)] = ours;
    return kept;
  });
}

/** The destination without any aecid: where bots and prefetches are sent. */
export function withoutClickId(destination: string): string {
  return editQuery(destination, (pairs) => pairs.filter((pair) => !isClickIdPair(pair)));
}

const SLOT = "\u0000";

/**
 * `withClickId` for one destination and any click ID, with the query edited once: the link cache
 * keeps one per link, so a redirect only joins three strings. A destination that already holds
 * the slot character (a parsed URL never does) falls back to editing each time.
 */
export function clickUrlTemplate(destination: string): (clickId: string) => string {
  const parts = withClickId(destination, SLOT).split(SLOT);
  if (parts.length !== 2) return (clickId) => withClickId(destination, clickId);
  const [before, after] = parts as [string, string];
  return (clickId) => before + clickId + after;
}
