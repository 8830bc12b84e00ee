// A deep link, pure: the partner's tracking link with the page to land on and sub-IDs, and
// whether the click would honour that page (the same rule as the redirect's, for a hint only).

/** The tracking link with `url` and sub-IDs added (empty ones left out). Pure. */
export function deepLink(base, page, subs) {
  const url = new URL(base);
  if (page.trim()) url.searchParams.set("url", page.trim());
  for (const [i, value] of subs.entries())
    if (value.trim()) url.searchParams.set(`sub${i + 1}`, value.trim());
  return url.toString();
}

/** Whether the page's host is one of the allowed domains or below one (what the click allows). */
export function allowedPage(page, domains) {
  try {
    const { protocol, hostname } = new URL(page);
    return (
      /^https?:$/.test(protocol) &&
      domains.some((d) => hostname === d || hostname.endsWith(`.${d}`))
    );
  } catch {
    return false;
  }
}
