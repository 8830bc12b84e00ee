import { createRemoteJWKSet, customFetch, errors, jwtVerify, type RemoteJWKSet } from "jose";

/**
 * Cloudflare Access's identity for a request (SPEC "Admin API", "Operators"): the JWT that Access
 * puts in `Cf-Access-Jwt-Assertion` (and the `CF_Authorization` cookie), verified against the
 * team's signing keys. Access signs with RS256 only; no other algorithm is accepted, so neither
 * `alg: none` nor an HMAC "signed" with the public key can pass.
 */
export interface AccessConfig {
  /** `myteam.cloudflareaccess.com`, the team domain of Zero Trust's settings. */
  teamDomain: string;
  /** The Access application's audience tag. */
  audience: string;
  /**
   * Where the keys are fetched through: the internet in production. Tests bind an auxiliary
   * Worker as `ACCESS_CERTS` (vitest.config.ts); the URL stays the team's own either way.
   */
  fetcher?: Fetcher;
}

export type AccessVerdict =
  | { kind: "operator"; email: string }
  | { kind: "invalid" }
  /** The team's keys could not be fetched: the token cannot be judged either way. */
  | { kind: "keys_unavailable" };

/** The configuration, when both vars are set (either alone leaves Access off). */
export function accessConfigOf(env: Env): AccessConfig | null {
  const teamDomain = (env.ACCESS_TEAM_DOMAIN ?? "").trim().replace(/^https:\/\//, "");
  const audience = (env.ACCESS_AUD ?? "").trim();
  if (!teamDomain || !audience) return null;
  return { teamDomain: teamDomain.replace(/\/+$/, ""), audience, fetcher: env.ACCESS_CERTS };
}

// One key set per team and fetcher, kept for the isolate's life: jose caches the keys inside it
// (10 minutes, or until a token names a key it has not seen, at most once per 30 s).
const keySets = new Map<string, { fetcher: Fetcher | undefined; keys: RemoteJWKSet }>();

function keySetOf(config: AccessConfig): RemoteJWKSet {
  const known = keySets.get(config.teamDomain);
  if (known && known.fetcher === config.fetcher) return known.keys;
  const fetcher = config.fetcher;
  const keys = createRemoteJWKSet(new URL(`https://${config.teamDomain}/cdn-cgi/access/certs`), {
    // Well under a request's patience: past it the answer is 503 access_unavailable.
    timeoutDuration: 3000,
    ...(fetcher ? { [customFetch]: (url, options) => fetcher.fetch(url, options) } : {}),
  });
  keySets.set(config.teamDomain, { fetcher, keys });
  return keys;
}

/** Whether this error says "the keys could not be had" rather than "this token is wrong". */
function isKeysFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  // A refused or failed fetch (network error) is not one of jose's errors; a non-200 answer is
  // a bare JOSEError.
  if (!(error instanceof errors.JOSEError)) return true;
  return error.code === "ERR_JOSE_GENERIC";
}

export async function verifyAccessJwt(token: string, config: AccessConfig): Promise<AccessVerdict> {
  try {
    const { payload } = await jwtVerify(token, keySetOf(config), {
      algorithms: ["RS256"],
      audience: config.audience,
      issuer: `https://${config.teamDomain}`,
      requiredClaims: ["exp", "iat"],
    });
    const email = payload.email;
    if (typeof email !== "string" || email === "" || email.length > 320) return { kind: "invalid" };
    return { kind: "operator", email };
  } catch (error) {
    return isKeysFailure(error) ? { kind: "keys_unavailable" } : { kind: "invalid" };
  }
}
