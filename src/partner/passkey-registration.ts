import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import type { Partner } from "../domain/entities";
import { reasonOf } from "../platform/log";
import { takeChallenge } from "../storage/partner-challenges";
import { insertPasskey, listPasskeys, type Passkey } from "../storage/partner-passkeys";
import {
  ALGORITHMS,
  challengeIdOf,
  newChallenge,
  RP_NAME,
  refused,
  saveChallenge,
  userHandleOf,
} from "./passkeys";
import type { RelyingParty } from "./relying-party";

/** A signed-in partner adds a passkey: options for `navigator.credentials.create`, then its answer. */

export async function registrationOptions(
  db: D1Database,
  rp: RelyingParty,
  partner: Pick<Partner, "id" | "name" | "email">,
  now: number,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const existing = await listPasskeys(db, partner.id);
  const { id, challenge } = newChallenge(now);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userID: userHandleOf(partner.id),
    userName: partner.email ?? partner.name,
    userDisplayName: partner.name,
    challenge,
    attestationType: "none",
    // The partner's authenticators that hold a passkey here already decline to make another.
    excludeCredentials: existing.map((key) => ({ id: key.id, transports: key.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  await saveChallenge(db, id, options.challenge, partner.id, now);
  return { challengeId: id, options };
}

/** Verifies and saves a new passkey, or a 400 on `response`; its challenge is used either way. */
export async function registerPasskey(
  db: D1Database,
  rp: RelyingParty,
  partnerId: string,
  response: RegistrationResponseJSON,
  name: string,
  now: number,
): Promise<Passkey> {
  const challengeId = challengeIdOf(response.response.clientDataJSON);
  const expected = challengeId ? await takeChallenge(db, challengeId, partnerId, now) : null;
  if (!expected) throw refused("registration", "no live registration challenge");
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: expected,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // "preferred" was asked for: a key without a PIN or biometric still proves possession.
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (error) {
    throw refused("registration", reasonOf(error));
  }
  if (!verified.verified) throw refused("registration", "not verified");
  const { credential } = verified.registrationInfo;
  const passkey: Passkey = {
    id: credential.id,
    partnerId,
    name,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    createdAt: now,
    lastUsedAt: null,
  };
  if (!(await insertPasskey(db, passkey)))
    throw refused("registration", "credential known already, or the partner has too many");
  return passkey;
}
