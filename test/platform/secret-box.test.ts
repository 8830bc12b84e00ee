import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { open, seal, sourceKeyProblem } from "../../src/platform/secret-box";

describe("the secret box (AES-GCM under SOURCE_SECRETS_KEY)", () => {
  it("opens what it sealed, with a fresh IV each time, only for the same record", async () => {
    const a = await seal(env, "whsec_test_secret", "source:1");
    const b = await seal(env, "whsec_test_secret", "source:1");
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain("whsec");
    expect(await open(env, a, "source:1")).toBe("whsec_test_secret");
    // A ciphertext moved onto another record, or tampered with, does not open.
    await expect(open(env, a, "source:2")).rejects.toThrow();
    const flipped = { ...a, ciphertext: `A${a.ciphertext.slice(1)}` };
    await expect(open(env, flipped, "source:1")).rejects.toThrow();
  });

  it("says what is wrong with the key without showing it", async () => {
    expect(sourceKeyProblem(env)).toBeNull();
    const unset = { ...env, SOURCE_SECRETS_KEY: "" };
    expect(sourceKeyProblem(unset)).toMatch(/not set/);
    const short = { ...env, SOURCE_SECRETS_KEY: btoa("sixteen bytes!!!") };
    expect(sourceKeyProblem(short)).toMatch(/32 bytes/);
    expect(sourceKeyProblem(short)).not.toContain(short.SOURCE_SECRETS_KEY);
    await expect(seal(short, "x", "c")).rejects.toThrow(/32 bytes/);
  });
});
