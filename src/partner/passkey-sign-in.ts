import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { reasonOf } from "../platform/log";
import { takeChallenge } from "../storage/partner-challenges";
import { getSignInPasskey, recordPasskeyUse } from "../storage/partner-passkeys";
import { newChallenge, refused, saveChallenge, userHandleOf } from "./passkeys";
import type { RelyingParty } from "./relying-party";

/** Signing in with a passkey: options for `navigator.credentials.get`, then its answer. */

export async function signInOptions(
  db: D1Database,
  rp: RelyingParty,
  now: number,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const { id, challenge } = newChallenge(now);
  // No allowCredentials: nobody is known yet, the authenticator offers this site's passkeys.
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge,
    userVerification: "preferred",
  });
  await saveChallenge(db, id, options.challenge, null, now);
  return { challengeId: id, options };
}

/**
 * Verifies a sign-in's answer: the partner it signs in, or a 401 `passkey_invalid` for anything
 * else (unknown or used challenge, unknown passkey, disabled partner, bad signature or origin).
 * The challenge is used whatever the outcome.
 */
export async function verifySignIn(
  db: D1Database,
  rp: RelyingParty,
  challengeId: string,
  response: AuthenticationResponseJSON,
  now: number,
): Promise<string> {
  const expected = await takeChallenge(db, challengeId, null, now);
  if (!expected) throw refused("sign-in", "no live sign-in challenge");
  const passkey = await getSignInPasskey(db, response.id);
  if (!passkey) throw refused("sign-in", "unknown passkey, or its partner is disabled");
  // A discoverable passkey answers with the user handle it was made for: this partner's.
  const handle = response.response.userHandle;
  if (handle && handle !== isoBase64URL.fromBuffer(userHandleOf(passkey.partnerId)))
    throw refused("sign-in", "the user handle is another partner's");
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expected,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: false,
    });
  } catch (error) {
    throw refused("sign-in", reasonOf(error));
  }
  if (!verified.verified) throw refused("sign-in", "the signature does not verify");
  const { newCounter } = verified.authenticationInfo;
  if (!(await recordPasskeyUse(db, passkey.id, newCounter, now)))
    throw refused("sign-in", "the passkey was deleted or its partner disabled meanwhile");
  return passkey.partnerId;
}
