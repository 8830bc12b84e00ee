// The portal's WebAuthn JSON helpers (public/partner/webauthn.js), pure: base64url both ways, and
// the options' binary members turned into bytes with nothing else changed.
import { describe, expect, it } from "vitest";
import { creationOptions, decode, encode, requestOptions } from "../../public/partner/webauthn.js";

const bytes = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)];

describe("the portal's base64url", () => {
  it("round-trips every byte value, without padding or + and /", () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = encode(all.buffer);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(bytes(decode(text))).toEqual([...all]);
    for (const length of [0, 1, 2, 3, 4, 5]) {
      const some = all.slice(250 - length, 250);
      expect(bytes(decode(encode(some.buffer)))).toEqual([...some]);
    }
  });

  it("reads padded base64url too", () => {
    expect(bytes(decode("_w=="))).toEqual([255]);
    expect(bytes(decode("_w"))).toEqual([255]);
  });
});

describe("the ceremonies' options", () => {
  it("decodes the challenge, the user ID and excluded credentials, and keeps the rest", () => {
    const options = creationOptions({
      challenge: "AAEC",
      rp: { id: "localhost", name: "aecid-edge" },
      user: { id: "_w", name: "p@example.com", displayName: "P" },
      pubKeyCredParams: [{ type: "public-key", alg: -7 }],
      excludeCredentials: [{ id: "AQ", type: "public-key" }],
    });
    expect(bytes(options.challenge)).toEqual([0, 1, 2]);
    expect(bytes(options.user.id)).toEqual([255]);
    expect(options.user.name).toBe("p@example.com");
    expect(bytes(options.excludeCredentials[0].id)).toEqual([1]);
    expect(options.rp.id).toBe("localhost");
  });

  it("decodes a sign-in's challenge, with or without allowed credentials", () => {
    const options = requestOptions({ challenge: "AAEC", rpId: "localhost" });
    expect(bytes(options.challenge)).toEqual([0, 1, 2]);
    expect(options.allowCredentials).toBeUndefined();
    expect(options.rpId).toBe("localhost");
  });
});
