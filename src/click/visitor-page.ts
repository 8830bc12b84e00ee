import { config } from "../config";

/**
 * A visitor (a browser on the tracking domain) never gets JSON: outside the admin API, `/postback`
 * and the Affilae-style `GET /?key=…`, every answer is a short plain page, or a redirect to the
 * operator's FALLBACK_URL when one is set.
 */

const NO_STORE = "private, no-store";

export function redirectTo(location: string, cookie?: string | null): Response {
  const headers: Record<string, string> = { Location: location, "Cache-Control": NO_STORE };
  if (cookie) headers["Set-Cookie"] = cookie;
  return new Response(null, { status: 302, headers });
}

const TEXTS = {
  404: "Not found.\n",
  414: "This address is too long.\n",
  503: "Temporarily unavailable, please retry.\n",
} as const;

/** FALLBACK_URL when set, else a short plain page with this status. */
export function visitorPage(env: Env, status: keyof typeof TEXTS, text: string = TEXTS[status]) {
  const { fallbackUrl } = config(env);
  if (fallbackUrl) return redirectTo(fallbackUrl);
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": NO_STORE,
  };
  if (status === 503) headers["Retry-After"] = "5";
  return new Response(text, { status, headers });
}

/**
 * The root is a postback when it carries a key (in the query or as a bearer token), or the two
 * fields every postback has, `id` and `currency` (a template that lost its key deserves a clear
 * 401, not a page). A visitor's landing (`/?utm_source=x`) is neither.
 */
export function isRootPostback(url: URL, authorization: string | undefined): boolean {
  if (url.pathname !== "/") return false;
  const query = url.searchParams;
  return (
    query.has("key") || authorization !== undefined || (query.has("id") && query.has("currency"))
  );
}

/** Whether the request is a machine's (admin API or postback), which is answered in JSON. */
export function isMachineRequest(url: URL, authorization: string | undefined): boolean {
  const path = url.pathname;
  return (
    path === "/api" ||
    path.startsWith("/api/") ||
    path === "/postback" ||
    isRootPostback(url, authorization)
  );
}
