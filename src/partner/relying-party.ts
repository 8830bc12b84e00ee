import { publicOrigin } from "../routes/public-origin";

/**
 * The site partners' passkeys are bound to: PUBLIC_BASE_URL's origin, else the request's own.
 * Apart from the ceremonies so the routes can name it without loading SimpleWebAuthn.
 */
export interface RelyingParty {
  origin: string;
  /** The origin's host name: a passkey made here works on this host (and no other) only. */
  id: string;
}

export function relyingParty(env: Env, requestUrl: string): RelyingParty {
  const origin = publicOrigin(env, requestUrl);
  return { origin, id: new URL(origin).hostname };
}
