import { parse } from "hono/utils/cookie";
import { mayChangeFromHere } from "../auth/same-origin";
import {
  isCredential,
  PARTNER_COOKIE,
  SESSION_PREFIX,
  sessionCookies,
  sessionIsIdle,
  sessionNeedsTouch,
  TOKEN_PREFIX,
} from "../domain/partner-credentials";
import { sha256Hex } from "../domain/secrets";
import { ApiError } from "../errors";
import { bearerToken } from "../routes/bearer";
import { deleteSession, getLiveSession, touchSession } from "../storage/partner-sessions";
import { getLiveToken, touchToken } from "../storage/partner-tokens";

/** Who a `/api/partner` request speaks for, and by which credential. */
export interface SignedInPartner {
  id: string;
  via: "session" | "token";
  /** The session's hash (sign-out), null for a token. */
  sessionHash: string | null;
  /** Set-Cookie values to answer with: the cookie renewed when its session was touched. */
  renewCookies: string[];
}

function unauthorized(): ApiError {
  return new ApiError("partner_unauthorized", {
    headers: { "WWW-Authenticate": 'Bearer realm="partner"' },
  });
}

/**
 * A partner's bearer token (`pt_…`), else the portal's session cookie; else a 401. An admin token
 * is no partner token (another shape, and no row), and a partner's token is no admin token: the
 * two doors never share a credential. Cookie-borne changes must come from this origin: the
 * browser sends the cookie by itself, so a forged cross-site POST would otherwise be the partner.
 */
export async function partnerOf(request: Request, env: Env, now: number): Promise<SignedInPartner> {
  const bearer = bearerToken(request.headers.get("Authorization") ?? undefined);
  if (bearer !== null) {
    if (!isCredential(bearer, TOKEN_PREFIX)) throw unauthorized();
    const token = await getLiveToken(env.DB, await sha256Hex(bearer));
    if (!token) throw unauthorized();
    if (token.lastUsedAt === null || sessionNeedsTouch(token.lastUsedAt, now))
      await touchToken(env.DB, token.id, now);
    return { id: token.partnerId, via: "token", sessionHash: null, renewCookies: [] };
  }
  const cookie = parse(request.headers.get("Cookie") ?? "", PARTNER_COOKIE)[PARTNER_COOKIE];
  if (!isCredential(cookie, SESSION_PREFIX)) throw unauthorized();
  const sessionHash = await sha256Hex(cookie);
  const session = await getLiveSession(env.DB, sessionHash);
  if (!session) throw unauthorized();
  if (sessionIsIdle(session.lastSeenAt, now)) {
    await deleteSession(env.DB, sessionHash);
    throw unauthorized();
  }
  if (!sameOriginChange(request)) throw new ApiError("cross_site_request");
  let renewCookies: string[] = [];
  if (sessionNeedsTouch(session.lastSeenAt, now)) {
    await touchSession(env.DB, sessionHash, now);
    renewCookies = sessionCookies(cookie);
  }
  return { id: session.partnerId, via: "session", sessionHash, renewCookies };
}

/**
 * Stricter than the admin API's rule: a change carried by the portal's cookie must name this
 * origin (`Origin`, or `Sec-Fetch-Site: same-origin`). Scripts use tokens, not cookies.
 */
export function sameOriginChange(request: Request): boolean {
  if (!mayChangeFromHere(request)) return false;
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return true;
  return (
    request.headers.get("Origin") !== null ||
    request.headers.get("Sec-Fetch-Site") === "same-origin"
  );
}
