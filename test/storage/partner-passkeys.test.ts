import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  deletePasskey,
  getSignInPasskey,
  insertPasskey,
  listPasskeys,
  MAX_PASSKEYS,
  type Passkey,
  recordPasskeyUse,
} from "../../src/storage/partner-passkeys";
import { insertPartner } from "../../src/storage/partners";
import { aPartner } from "../support/storage-seeds";

const db = env.DB;
let serial = 0;

async function aStoredPartner() {
  const partner = aPartner();
  await insertPartner(db, partner);
  return partner;
}

const aPasskey = (partnerId: string, overrides: Partial<Passkey> = {}): Passkey => ({
  id: `cred-${++serial}-${crypto.randomUUID()}`,
  partnerId,
  name: "Laptop",
  publicKey: "pQECAyYgASFYIA",
  counter: 0,
  transports: ["internal", "hybrid"],
  createdAt: 1_700_000_000_000 + serial,
  lastUsedAt: null,
  ...overrides,
});

describe("storage/partner-passkeys", () => {
  it("reads back a passkey as written, by partner and for a sign-in", async () => {
    const partner = await aStoredPartner();
    const passkey = aPasskey(partner.id);
    expect(await insertPasskey(db, passkey)).toBe(true);
    expect(await listPasskeys(db, partner.id)).toEqual([passkey]);
    expect(await getSignInPasskey(db, passkey.id)).toEqual(passkey);
    expect(await getSignInPasskey(db, "no-such-credential")).toBeNull();
  });

  it("refuses a credential ID known already, whoever holds it", async () => {
    const alice = await aStoredPartner();
    const mallory = await aStoredPartner();
    const passkey = aPasskey(alice.id);
    await insertPasskey(db, passkey);
    expect(await insertPasskey(db, { ...passkey, partnerId: mallory.id, name: "Mine" })).toBe(
      false,
    );
    expect(await listPasskeys(db, mallory.id)).toEqual([]);
    expect((await getSignInPasskey(db, passkey.id))?.partnerId).toBe(alice.id);
  });

  it(`holds at most ${MAX_PASSKEYS} passkeys a partner`, async () => {
    const partner = await aStoredPartner();
    for (let i = 0; i < MAX_PASSKEYS; i++) await insertPasskey(db, aPasskey(partner.id));
    expect(await insertPasskey(db, aPasskey(partner.id))).toBe(false);
    expect(await listPasskeys(db, partner.id)).toHaveLength(MAX_PASSKEYS);
  });

  it("records a use with a counter that only rises, not for a disabled partner", async () => {
    const partner = await aStoredPartner();
    const passkey = aPasskey(partner.id);
    await insertPasskey(db, passkey);
    expect(await recordPasskeyUse(db, passkey.id, 7, 1_000)).toBe(true);
    expect(await recordPasskeyUse(db, passkey.id, 3, 2_000)).toBe(true);
    expect(await getSignInPasskey(db, passkey.id)).toMatchObject({ counter: 7, lastUsedAt: 2_000 });
    await db.prepare("UPDATE partners SET disabled_at = 1 WHERE id = ?1").bind(partner.id).run();
    expect(await getSignInPasskey(db, passkey.id)).toBeNull();
    expect(await recordPasskeyUse(db, passkey.id, 8, 3_000)).toBe(false);
  });

  it("deletes a passkey for its own partner only", async () => {
    const alice = await aStoredPartner();
    const mallory = await aStoredPartner();
    const passkey = aPasskey(alice.id);
    await insertPasskey(db, passkey);
    expect(await deletePasskey(db, mallory.id, passkey.id)).toBe(false);
    expect(await listPasskeys(db, alice.id)).toHaveLength(1);
    expect(await deletePasskey(db, alice.id, passkey.id)).toBe(true);
    expect(await listPasskeys(db, alice.id)).toEqual([]);
    expect(await recordPasskeyUse(db, passkey.id, 1, 1)).toBe(false);
  });
});
