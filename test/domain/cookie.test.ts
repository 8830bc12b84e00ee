import { describe, expect, it } from "vitest";
import { firstPartyCookie } from "../../src/domain/cookie";

describe("firstPartyCookie", () => {
  it("is set for a tracking host under the advertiser's domain", () => {
    expect(firstPartyCookie("track.shop.example", "shop.example", "ab".repeat(12), 30)).toBe(
      `aecid=${"ab".repeat(12)}; Max-Age=2592000; Domain=shop.example; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
  });
  it("is not set elsewhere, nor when the program has no cookie domain", () => {
    expect(firstPartyCookie("track.other.example", "shop.example", "x", 30)).toBeNull();
    expect(firstPartyCookie("track.shop.example", null, "x", 30)).toBeNull();
  });
});
