import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idLowerBound, idSeconds, isLinkId, newId, newLinkId, parseId } from "../../src/domain/ids";

describe("click IDs", () => {
  it("are 24 lowercase hex characters whose first 4 bytes are the Unix time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seconds) => {
        const id = newId(seconds * 1000 + 999);
        expect(id).toMatch(/^[0-9a-f]{24}$/);
        expect(idSeconds(id)).toBe(seconds);
        expect(id.slice(0, 8)).toBe(seconds.toString(16).padStart(8, "0"));
      }),
    );
  });

  it("sort by time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 2 ** 20 }),
        (a, gap) => {
          expect(newId(a * 1000) < newId((a + gap) * 1000)).toBe(true);
          expect(idLowerBound(a + gap) > newId(a * 1000)).toBe(true);
        },
      ),
    );
  });

  it("normalise upper-case input and refuse anything else", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-fA-F]{24}$/), (input) => {
        expect(parseId(input)).toBe(input.toLowerCase());
      }),
    );
    for (const bad of [
      "",
      "603ed18",
      "603ed1800000000000000000a",
      "603ed180000000000000000g",
      " 603ed1800000000000000000",
    ]) {
      expect(parseId(bad)).toBeNull();
    }
  });

  it("do not collide across a million IDs made in the same second", () => {
    const count = 1_000_000;
    const randomParts = new BigUint64Array(count);
    const now = Date.now();
    for (let i = 0; i < count; i++) randomParts[i] = BigInt(`0x${newId(now).slice(8)}`);
    randomParts.sort();
    let collisions = 0;
    for (let i = 1; i < count; i++) if (randomParts[i] === randomParts[i - 1]) collisions++;
    expect(collisions).toBe(0);
    // The random half really varies: not a counter, not constant.
    expect(randomParts[0]).not.toBe(randomParts[count - 1]);
  });
});

describe("link IDs", () => {
  it("are 10 URL-safe characters, accepted by the link-ID rule", () => {
    for (let i = 0; i < 1000; i++) {
      const id = newLinkId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{10}$/);
      expect(isLinkId(id)).toBe(true);
    }
    expect(isLinkId("short")).toBe(false);
    expect(isLinkId("has space1")).toBe(false);
    expect(isLinkId("a".repeat(17))).toBe(false);
  });
});
