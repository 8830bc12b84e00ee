import { api, call, ORIGIN } from "./helpers";
import { rememberSecret } from "./log-capture";

/** The invite URL's token (its `#invite=` fragment). */
export function inviteToken(url: string): string {
  const token = new URL(url).hash.replace(/^#invite=/, "");
  rememberSecret(token);
  return token;
}

export async function invite(partnerId: string): Promise<{ url: string; token: string }> {
  const answer = await api("POST", `/partners/${partnerId}/invite`);
  if (answer.status !== 201) throw new Error(`invite: ${JSON.stringify(answer.body)}`);
  return { url: answer.body.url, token: inviteToken(answer.body.url) };
}

/** Redeems an invite token as the portal's page does: a same-origin JSON POST. */
export function redeem(token: string): Promise<Response> {
  return call("/api/partner/sign-in/invite", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN },
    body: JSON.stringify({ token }),
  });
}

/** The `name=value` of the session cookie a sign-in answered (both paths carry the same one). */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("aecid_partner="));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  const pair = cookie.split(";")[0] as string;
  rememberSecret(pair.slice("aecid_partner=".length));
  return pair;
}

export interface PartnerBrowser {
  cookie: string;
  /** A request to the partner API with this session's cookie, as the portal's page sends it. */
  fetchAs(path: string, init?: RequestInit): Promise<Response>;
  json(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function asBrowser(cookie: string): PartnerBrowser {
  const fetchAs = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Cookie", cookie);
    if (!headers.has("Origin")) headers.set("Origin", ORIGIN);
    return call(`/api/partner${path}`, { ...init, headers });
  };
  return {
    cookie,
    fetchAs,
    async json(method, path, body) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetchAs(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/** Invites the partner through the admin API and signs in with it: a browser holding the cookie. */
export async function signInPartner(partnerId: string): Promise<PartnerBrowser> {
  const { token } = await invite(partnerId);
  const answer = await redeem(token);
  if (answer.status !== 200) throw new Error(`sign-in: ${answer.status} ${await answer.text()}`);
  return asBrowser(sessionCookieOf(answer));
}

/** A partner API call with a bearer token (`pt_…`), as a partner's own script sends it. */
export async function withToken(token: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await call(`/api/partner${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
