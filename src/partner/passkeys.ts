import { decodeClientDataJSON, isoBase64URL } from "@simplewebauthn/server/helpers";
import { newId, parseId } from "../domain/ids";
import { ApiError, invalidFields } from "../errors";
import { logEvent } from "../platform/log";
import { insertChallenge } from "../storage/partner-challenges";

/**
 * What partners' passkey ceremonies share (issue 27): the algorithms, the user handle, the
 * challenges, the refusals. Registration and sign-in are passkey-registration.ts and passkey-sign-in.ts, which
 * the passkey routes import on first use only: SimpleWebAuthn and its ASN.1 libraries are most
 * of the partner API's code, and nothing else in it needs them.
 */

export const RP_NAME = "aecid-edge";
/** EdDSA, ES256, RS256: what authenticators make, stated once so options and checks agree. */
export const ALGORITHMS = [-8, -7, -257];

/** What a partner's passkey carries as its user handle: the partner's ID, UTF-8. */
export const userHandleOf = (partnerId: string) =>
  new Uint8Array(new TextEncoder().encode(partnerId));

/**
 * A new challenge and its row's ID. The challenge is the UTF-8 of the ID and 32 random bytes, so
 * an answer names its own row (clientDataJSON carries the challenge) and the browser can post the
 * response alone. The random part is what makes it a challenge; the ID only finds the row. What
 * is stored is what the options carry: the library's base64url of it (`saveChallenge`).
 */
export function newChallenge(now: number): { id: string; challenge: string } {
  const id = newId(now);
  const random = isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(32)));
  return { id, challenge: `${id}${random}` };
}

export function saveChallenge(
  db: D1Database,
  id: string,
  sent: string,
  partnerId: string | null,
  now: number,
): Promise<void> {
  return insertChallenge(db, { id, challenge: sent, partnerId, now });
}

/** The challenge row a response names, or null when its challenge is none of ours. */
export function challengeIdOf(clientDataJSON: string): string | null {
  try {
    const text = isoBase64URL.toUTF8String(decodeClientDataJSON(clientDataJSON).challenge);
    return parseId(text.slice(0, 24));
  } catch {
    return null;
  }
}

/**
 * Why a ceremony failed goes to the log; the client learns only that it did. A registration's
 * refusal is a 400 on its `response` field, a sign-in's a 401 `passkey_invalid`. (Every error
 * code's message is evaluated by each postback's isolate: one code, not two, for passkeys.)
 */
export function refused(ceremony: "registration" | "sign-in", reason: string): ApiError {
  logEvent("passkey_refused", { ceremony, reason });
  return ceremony === "sign-in"
    ? new ApiError("passkey_invalid")
    : invalidFields({
        response: "is not this site's answer to a live challenge, or its passkey is known already",
      });
}
