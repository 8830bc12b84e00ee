import { describe, expect, it } from "vitest";
import { conversionKeyHash, hashesEqual, newConversionKey } from "../../src/domain/secrets";

describe("hashesEqual", () => {
  it("tells a key's hash from any other, whatever differs", async () => {
    const key = newConversionKey("0123456789abcdef01234567");
    const hash = await conversionKeyHash(key);
    expect(hashesEqual(hash, await conversionKeyHash({ ...key }))).toBe(true);
    const other = await conversionKeyHash({ ...key, secret: `${key.secret.slice(0, -1)}0` });
    expect(hashesEqual(hash, other)).toBe(other === hash);
    const lastFlipped = hash.slice(0, -1) + (hash.endsWith("a") ? "b" : "a");
    expect(hashesEqual(hash, lastFlipped)).toBe(false);
    expect(hashesEqual(hash, hash.toUpperCase())).toBe(hash === hash.toUpperCase());
    expect(hashesEqual(hash, "")).toBe(false);
    expect(hashesEqual(hash, `${hash}0`)).toBe(false);
  });
});
