/**
 * Whether a request signed in through Cloudflare Access may change things. A browser sends
 * Access's credential by itself (the `CF_Authorization` cookie, and Access in front of the Worker
 * turns it into the `Cf-Access-Jwt-Assertion` header), so another site's form could POST to
 * `/api` as the signed-in operator, and the admin API takes bodiless POSTs (approve, rotate-key,
 * replay) whatever their `Content-Type`. Browsers name a request's origin on every cross-origin
 * POST, PATCH or DELETE (`Origin`, and `Sec-Fetch-Site`): such a request from elsewhere is
 * refused. A script (no browser, no `Origin`) is not a forged request and passes.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function mayChangeFromHere(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("Origin");
  return origin === null || origin === new URL(request.url).origin;
}
