import { env } from "cloudflare:workers";
import { importJWK, SignJWT } from "jose";
import { call } from "./helpers";

export const TEAM_ISSUER = `https://${env.ACCESS_TEAM_DOMAIN}`;

export interface TokenOptions {
  email?: string;
  audience?: string;
  issuer?: string;
  key?: "team" | "stranger";
  /** The header's key id; the signing key's own by default. */
  kid?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
}

/** An Access-style JWT, signed RS256 with the team's key unless told otherwise. */
export async function accessJwt(options: TokenOptions = {}): Promise<string> {
  const which = options.key ?? "team";
  const jwk = env.ACCESS_TEST_KEYS[which];
  const key = await importJWK(jwk, "RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: options.email ?? "ada@shop.example", type: "app" })
    .setProtectedHeader({ alg: "RS256", kid: options.kid ?? jwk.kid })
    .setIssuer(options.issuer ?? TEAM_ISSUER)
    .setAudience(options.audience ?? env.ACCESS_AUD)
    .setSubject("user-1")
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .sign(key);
}

/** An admin call carrying an Access JWT (header by default, or the cookie), no bearer token. */
export async function accessApi(
  method: string,
  path: string,
  jwt: string,
  options: { via?: "header" | "cookie"; body?: unknown } = {},
) {
  const headers: Record<string, string> =
    options.via === "cookie"
      ? { Cookie: `theme=dark; CF_Authorization=${jwt}` }
      : { "Cf-Access-Jwt-Assertion": jwt };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await call(`/api${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

const b64 = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** An unsigned token (`alg: none`) with otherwise perfect claims. */
export function unsignedJwt(): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    email: "mallory@evil.example",
    aud: env.ACCESS_AUD,
    iss: TEAM_ISSUER,
    iat: now,
    exp: now + 600,
  };
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}
