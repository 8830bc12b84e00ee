import { config } from "../config";
import { macroInAuthority, unknownMacros } from "../domain/macros";
import type { Endpoint } from "../domain/outbound";
import { checkDestination, checkOutboundUrl } from "../domain/url-safety";
import { invalidFields } from "../errors";

/**
 * An endpoint's URL as the admin API accepts it: safe to call (SPEC: https, public host, no
 * credentials, unless OUTBOUND_ALLOW_INSECURE), and for GET, only known macros, none of them in
 * the scheme, host or port. The URL is judged with each macro standing in as a plain word.
 */
export function checkedEndpointUrl(env: Env, url: string, method: "GET" | "POST"): string {
  const unknown = unknownMacros(url);
  if (method === "POST" && url.includes("{"))
    throw invalidFields({ url: "macros are for GET endpoints; a POST receives the JSON event" });
  if (unknown.length)
    throw invalidFields({ url: `has unknown macros: ${unknown.map((m) => `{${m}}`).join(", ")}` });
  if (macroInAuthority(url))
    throw invalidFields({ url: "must not have a macro in its scheme, host or port" });
  const verdict = checkOutboundUrl(
    url.replace(/\{[a-z0-9_]+\}/g, "x"),
    config(env).outboundAllowInsecure,
  );
  if (!verdict.ok) throw invalidFields({ url: verdict.reason });
  return url.trim();
}

/**
 * Why a delivery must not be sent to this URL (the one filled from the template), or null. Checked
 * again at each attempt: an endpoint row may predate today's rules, and sub-IDs fill the template.
 */
export function refusedDestination(
  endpoint: Endpoint,
  url: string,
  allowInsecure: boolean,
): string | null {
  if (endpoint.method === "GET" && macroInAuthority(endpoint.url))
    return "the URL template has a macro in its scheme, host or port (a sub-ID would choose the host)";
  const verdict = checkDestination(url, allowInsecure);
  return verdict.ok ? null : `the URL ${verdict.reason}`;
}
