import { parse } from "hono/utils/cookie";
import { constantTimeEqual } from "../domain/secrets";
import { ApiError, RETRY_AFTER_SECONDS } from "../errors";
import { bearerToken } from "../routes/bearer";
import { accessConfigOf, verifyAccessJwt } from "./access-jwt";
import { mayChangeFromHere } from "./same-origin";

/** Who the admin token speaks for in the audit trail: scripts, not a person. */
export const ADMIN_TOKEN_OPERATOR = "admin-token";

const ACCESS_HEADER = "Cf-Access-Jwt-Assertion";
const ACCESS_COOKIE = "CF_Authorization";
// A token is about 1 KB; anything far larger is not one, and is not worth parsing.
const MAX_JWT_LENGTH = 8192;

function unauthorized(): ApiError {
  return new ApiError("unauthorized", { headers: { "WWW-Authenticate": 'Bearer realm="admin"' } });
}

/**
 * The operator a request speaks for: `admin-token` for the ADMIN_TOKEN bearer, the email of a
 * valid Cloudflare Access JWT when Access is configured, else a 401. Keys that cannot be fetched
 * are a 503 (`access_unavailable`): the token was not judged, so "sign in again" would mislead.
 */
export async function operatorOf(request: Request, env: Env): Promise<string> {
  const token = bearerToken(request.headers.get("Authorization") ?? undefined);
  const expected = env.ADMIN_TOKEN ?? "";
  // An unset token locks the token path rather than opening it.
  if (token !== null && expected && (await constantTimeEqual(token, expected))) {
    return ADMIN_TOKEN_OPERATOR;
  }
  const config = accessConfigOf(env);
  if (!config) throw unauthorized();
  const jwt =
    request.headers.get(ACCESS_HEADER) ||
    parse(request.headers.get("Cookie") ?? "", ACCESS_COOKIE)[ACCESS_COOKIE];
  if (!jwt || jwt.length > MAX_JWT_LENGTH) throw unauthorized();
  const verdict = await verifyAccessJwt(jwt, config);
  if (verdict.kind === "operator") {
    if (!mayChangeFromHere(request)) throw new ApiError("cross_site_request");
    return verdict.email;
  }
  if (verdict.kind === "keys_unavailable")
    throw new ApiError("access_unavailable", {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  throw unauthorized();
}
