import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import {
  CHALLENGE_TTL_MS,
  insertChallenge,
  takeChallenge,
} from "../../src/storage/partner-challenges";

const db = env.DB;
const PARTNER = "0123456789abcdef01234567";

describe("storage/partner-challenges", () => {
  it("answers a challenge once, to its own ceremony, until it expires", async () => {
    const now = Date.now();
    const signIn = newId(now);
    const register = newId(now);
    await insertChallenge(db, { id: signIn, challenge: "c-sign-in", partnerId: null, now });
    await insertChallenge(db, { id: register, challenge: "c-reg", partnerId: PARTNER, now });
    // A sign-in's challenge is no registration's, nor the reverse, nor another partner's.
    expect(await takeChallenge(db, signIn, PARTNER, now)).toBeNull();
    expect(await takeChallenge(db, register, null, now)).toBeNull();
    expect(await takeChallenge(db, register, "fedcba9876543210fedcba98", now)).toBeNull();
    expect(await takeChallenge(db, signIn, null, now + CHALLENGE_TTL_MS - 1)).toBe("c-sign-in");
    expect(await takeChallenge(db, signIn, null, now)).toBeNull();
    expect(await takeChallenge(db, register, PARTNER, now + CHALLENGE_TTL_MS)).toBeNull();
  });

  it("prunes challenges expired over a second ago as new ones are written", async () => {
    const then = Date.now() - 3_600_000;
    const old = newId(then);
    await insertChallenge(db, { id: old, challenge: "old", partnerId: null, now: then });
    const now = Date.now();
    await insertChallenge(db, { id: newId(now), challenge: "new", partnerId: null, now });
    const row = await db
      .prepare("SELECT 1 FROM partner_challenges WHERE id = ?1")
      .bind(old)
      .first();
    expect(row).toBeNull();
  });
});
