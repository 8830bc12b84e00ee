import { afterEach, describe, expect, it, vi } from "vitest";
import { api, call, ORIGIN } from "../support/helpers";
import {
  partnerWithPasskey,
  postSignIn,
  refusedWith,
  signInOptions,
  signInWith,
} from "../support/passkey-browser";
import { newSigningKey, SoftAuthenticator } from "../support/soft-authenticator";

afterEach(() => vi.useRealTimers());

describe("signing in with a passkey over HTTP: what does not sign in", () => {
  it("refuses a sign-in for another origin, or signed by another key", async () => {
    const { key } = await partnerWithPasskey();
    await refusedWith(
      await signInWith(key, { origin: "https://evil.example" }),
      401,
      "passkey_invalid",
    );
    const stranger = await newSigningKey();
    await refusedWith(
      await signInWith(key, { signingKey: stranger.privateKey }),
      401,
      "passkey_invalid",
    );
    await refusedWith(await signInWith(await SoftAuthenticator.create()), 401, "passkey_invalid");
  });

  it("refuses a replayed answer: a challenge signs in once", async () => {
    const { key } = await partnerWithPasskey();
    const { challenge_id, options } = await signInOptions();
    const response = await key.signIn(options as never, ORIGIN);
    expect((await postSignIn("", { challenge_id, response })).status).toBe(200);
    await refusedWith(await postSignIn("", { challenge_id, response }), 401, "passkey_invalid");
  });

  it("lets one of 10 racing answers to one challenge sign in", async () => {
    const { key } = await partnerWithPasskey();
    const { challenge_id, options } = await signInOptions();
    const response = await key.signIn(options as never, ORIGIN);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postSignIn("", { challenge_id, response })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(401)]);
  });

  it("refuses a challenge answered more than 5 minutes after it was given", async () => {
    const { key } = await partnerWithPasskey();
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    const { challenge_id, options } = await signInOptions();
    const response = await key.signIn(options as never, ORIGIN);
    vi.setSystemTime(start + 5 * 60_000);
    await refusedWith(await postSignIn("", { challenge_id, response }), 401, "passkey_invalid");
  });

  it("refuses a disabled partner's passkey, and signs in again once re-enabled", async () => {
    const { partner, key } = await partnerWithPasskey();
    expect((await api("PATCH", `/partners/${partner.id}`, { disabled: true })).status).toBe(200);
    await refusedWith(await signInWith(key), 401, "passkey_invalid");
    expect((await api("PATCH", `/partners/${partner.id}`, { disabled: false })).status).toBe(200);
    expect((await signInWith(key)).status).toBe(200);
  });

  it("takes an answer whose browser wrote null for the attachment and the user handle", async () => {
    const { key } = await partnerWithPasskey();
    const { challenge_id, options } = await signInOptions();
    const response = await key.signIn(options as never, ORIGIN);
    const nulls = {
      ...response,
      authenticatorAttachment: null,
      response: { ...response.response, userHandle: null },
    };
    expect((await postSignIn("", { challenge_id, response: nulls })).status).toBe(200);
  });
});

describe("passkey sign-in options, per address", () => {
  it("answers 429 past 30 a minute from one address, and other addresses still get theirs", async () => {
    const ask = (ip: string) =>
      call("/api/partner/sign-in/passkey/options", {
        method: "POST",
        headers: { Origin: ORIGIN, "CF-Connecting-IP": ip },
      });
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await ask("198.51.100.77")).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    const refused = await ask("198.51.100.77");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect((await ask("198.51.100.78")).status).toBe(200);
  });
});
