import { isAllowedHost } from "./destination";

/**
 * The optional first-party cookie: only when the tracking domain is the advertiser's domain or a
 * subdomain of it (a browser would refuse a cookie for any other domain).
 */
export function firstPartyCookie(
  trackingHost: string,
  cookieDomain: string | null,
  clickId: string,
  windowDays: number,
): string | null {
  if (!cookieDomain || !isAllowedHost(trackingHost, [cookieDomain])) return null;
  const maxAge = windowDays * 86_400;
  return `aecid=${clickId}; Max-Age=${maxAge}; Domain=${cookieDomain}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}
