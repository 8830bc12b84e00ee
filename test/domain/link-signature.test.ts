import { describe, expect, it } from "vitest";
import { newLinkId } from "../../src/domain/ids";
import { isSignedLinkId, signLinkId } from "../../src/domain/link-signature";

describe("signed link IDs", () => {
  it("are 12 URL-safe characters that their secret recognises, and no other does", async () => {
    const id = await signLinkId("secret-a", newLinkId(8));
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await isSignedLinkId("secret-a", id)).toBe(true);
    expect(await isSignedLinkId("secret-b", id)).toBe(false);
    const tampered = `${id.slice(0, 11)}${id[11] === "A" ? "B" : "A"}`;
    expect(await isSignedLinkId("secret-a", tampered)).toBe(false);
    expect(await isSignedLinkId("secret-a", newLinkId(10))).toBe(false);
  });

  it("let through about one random ID in 16.7 million: none of 5,000", async () => {
    let passed = 0;
    for (let i = 0; i < 5_000; i++) if (await isSignedLinkId("secret-a", newLinkId(12))) passed++;
    expect(passed).toBe(0);
  });
});
