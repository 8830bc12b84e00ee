import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Partner } from "../../src/domain/entities";
import { ApiError } from "../../src/errors";
import { registerPasskey, registrationOptions } from "../../src/partner/passkey-registration";
import { signInOptions, verifySignIn } from "../../src/partner/passkey-sign-in";
import type { RelyingParty } from "../../src/partner/relying-party";
import { CHALLENGE_TTL_MS } from "../../src/storage/partner-challenges";
import { listPasskeys } from "../../src/storage/partner-passkeys";
import { insertPartner } from "../../src/storage/partners";
import { capturedLines } from "../support/log-capture";
import { newSigningKey, SoftAuthenticator } from "../support/soft-authenticator";
import { aPartner } from "../support/storage-seeds";

const db = env.DB;
const RP: RelyingParty = { origin: "https://track.shop.example", id: "track.shop.example" };

async function aStoredPartner(overrides: Partial<Partner> = {}): Promise<Partner> {
  const partner = aPartner({ email: "alice@partner.example", ...overrides });
  await insertPartner(db, partner);
  return partner;
}

/** A partner with a passkey registered on `key`, at `now`. */
async function registered(now = Date.now()) {
  const partner = await aStoredPartner();
  const key = await SoftAuthenticator.create();
  const { options } = await registrationOptions(db, RP, partner, now);
  await registerPasskey(db, RP, partner.id, await key.register(options, RP.origin), "Laptop", now);
  return { partner, key };
}

/** The refusal's code, and the reason it logged (which the client never sees), as "code: reason". */
async function refusal(work: Promise<unknown>): Promise<string> {
  const seen = capturedLines().length;
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const logged = capturedLines()
    .slice(seen)
    .map((line) => JSON.parse(line) as { event: string; reason?: string })
    .find((line) => line.event === "passkey_refused");
  return `${(error as ApiError).code}: ${logged?.reason}`;
}

async function signIn(key: SoftAuthenticator, now = Date.now(), bend = {}) {
  const { challengeId, options } = await signInOptions(db, RP, now);
  return verifySignIn(db, RP, challengeId, await key.signIn(options, RP.origin, bend), now);
}

describe("passkey ceremonies", () => {
  it("registers a passkey (options bound to this site and partner) and signs in with it", async () => {
    const partner = await aStoredPartner();
    const key = await SoftAuthenticator.create();
    const now = Date.now();
    const { options } = await registrationOptions(db, RP, partner, now);
    expect(options.rp).toEqual({ name: "aecid-edge", id: "track.shop.example" });
    expect(options.user.name).toBe("alice@partner.example");
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "preferred",
      userVerification: "preferred",
    });
    const saved = await registerPasskey(
      db,
      RP,
      partner.id,
      await key.register(options, RP.origin),
      "Laptop",
      now,
    );
    expect(saved).toMatchObject({ id: key.credentialId, name: "Laptop", counter: 0 });
    expect(saved.transports).toEqual(["internal"]);

    const signInAt = now + 1_000;
    const sign = await signInOptions(db, RP, signInAt);
    expect(sign.options.allowCredentials ?? []).toEqual([]);
    expect(sign.options.rpId).toBe("track.shop.example");
    const response = await key.signIn(sign.options, RP.origin);
    expect(await verifySignIn(db, RP, sign.challengeId, response, signInAt)).toBe(partner.id);
    const [stored] = await listPasskeys(db, partner.id);
    expect(stored).toMatchObject({ counter: 1, lastUsedAt: signInAt });
  });

  it("lists the partner's passkeys in excludeCredentials, and refuses the same one twice", async () => {
    const { partner, key } = await registered();
    const { options } = await registrationOptions(db, RP, partner, Date.now());
    expect(options.excludeCredentials).toEqual([
      { id: key.credentialId, type: "public-key", transports: ["internal"] },
    ]);
    const again = await key.register(options, RP.origin);
    expect(await refusal(registerPasskey(db, RP, partner.id, again, "Again", Date.now()))).toBe(
      "invalid_request: credential known already, or the partner has too many",
    );
    expect(await listPasskeys(db, partner.id)).toHaveLength(1);
  });

  it("refuses a registration from another origin, or answering another partner's challenge", async () => {
    const partner = await aStoredPartner();
    const other = await aStoredPartner({ name: "Mallory" });
    const key = await SoftAuthenticator.create();
    const { options } = await registrationOptions(db, RP, partner, Date.now());
    const elsewhere = await key.register(options, RP.origin, { origin: "https://evil.example" });
    expect(await refusal(registerPasskey(db, RP, partner.id, elsewhere, "x", Date.now()))).toMatch(
      /^invalid_request: Unexpected response origin "https:\/\/evil.example"/,
    );
    const second = await registrationOptions(db, RP, partner, Date.now());
    const response = await key.register(second.options, RP.origin);
    expect(await refusal(registerPasskey(db, RP, other.id, response, "x", Date.now()))).toBe(
      "invalid_request: no live registration challenge",
    );
    // Still live for its own partner: the other's attempt did not use it.
    await registerPasskey(db, RP, partner.id, response, "x", Date.now());
    expect(await listPasskeys(db, other.id)).toEqual([]);
  });

  it("refuses a sign-in challenge answered at registration", async () => {
    const partner = await aStoredPartner();
    const key = await SoftAuthenticator.create();
    const reg = await registrationOptions(db, RP, partner, Date.now());
    const sign = await signInOptions(db, RP, Date.now());
    const response = await key.register(reg.options, RP.origin, {
      challenge: sign.options.challenge,
    });
    expect(await refusal(registerPasskey(db, RP, partner.id, response, "x", Date.now()))).toBe(
      "invalid_request: no live registration challenge",
    );
  });

  it("uses a challenge once: a replayed answer is refused", async () => {
    const { key } = await registered();
    const { challengeId, options } = await signInOptions(db, RP, Date.now());
    const response = await key.signIn(options, RP.origin);
    await verifySignIn(db, RP, challengeId, response, Date.now());
    expect(await refusal(verifySignIn(db, RP, challengeId, response, Date.now()))).toBe(
      "passkey_invalid: no live sign-in challenge",
    );
  });

  it("takes a challenge answered within 5 minutes, and refuses one answered later", async () => {
    const now = Date.now();
    const { partner, key } = await registered(now);
    const inTime = await signInOptions(db, RP, now);
    const justInTime = now + CHALLENGE_TTL_MS - 1;
    const answer = await key.signIn(inTime.options, RP.origin);
    expect(await verifySignIn(db, RP, inTime.challengeId, answer, justInTime)).toBe(partner.id);
    const { challengeId, options } = await signInOptions(db, RP, now);
    const response = await key.signIn(options, RP.origin);
    const late = now + CHALLENGE_TTL_MS;
    expect(await refusal(verifySignIn(db, RP, challengeId, response, late))).toBe(
      "passkey_invalid: no live sign-in challenge",
    );
  });

  it("refuses another origin, another key's signature, an unknown passkey and a disabled partner", async () => {
    const { partner, key } = await registered();
    const stranger = await newSigningKey();
    expect(await refusal(signIn(key, Date.now(), { origin: "https://evil.example" }))).toMatch(
      /^passkey_invalid: Unexpected response origin "https:\/\/evil.example"/,
    );
    expect(await refusal(signIn(key, Date.now(), { signingKey: stranger.privateKey }))).toBe(
      "passkey_invalid: the signature does not verify",
    );
    expect(await refusal(signIn(await SoftAuthenticator.create()))).toBe(
      "passkey_invalid: unknown passkey, or its partner is disabled",
    );
    expect(await signIn(key)).toBe(partner.id);
    await db
      .prepare("UPDATE partners SET disabled_at = ?2 WHERE id = ?1")
      .bind(partner.id, Date.now())
      .run();
    expect(await refusal(signIn(key))).toBe(
      "passkey_invalid: unknown passkey, or its partner is disabled",
    );
  });

  it("refuses a counter that went back (a cloned key), and a user handle of another partner", async () => {
    const { key } = await registered();
    await signIn(key, Date.now(), { counter: 5 });
    expect(await refusal(signIn(key, Date.now(), { counter: 3 }))).toBe(
      "passkey_invalid: Response counter value 3 was lower than expected 5",
    );
    key.userHandle = btoa("0".repeat(24)).replace(/=+$/, "");
    expect(await refusal(signIn(key, Date.now(), { counter: 9 }))).toBe(
      "passkey_invalid: the user handle is another partner's",
    );
  });
});
