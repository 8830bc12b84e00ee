import { describe, expect, it } from "vitest";
import { aecidOfLandingSite, aecidOfNoteAttributes } from "../../src/sources/shopify-orders";
import { clickIdOfSearch } from "../../src/sources/shopify-snippet";
import { call } from "../support/helpers";

const ID = "0123456789abcdef01234567";

describe("the Shopify theme snippet", () => {
  it("is served as a cacheable script that sets no cookie", async () => {
    const response = await call("/sources/shopify.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const script = await response.text();
    expect(script).toContain("cart/update.js");
    expect(script).toContain("attributes: { aecid: id }");
    expect(script).not.toMatch(/document\.cookie|localStorage|eval\(|new Function/);
    // Sources' other paths stay as they were.
    expect((await call("/sources/shopify.css")).status).toBe(404);
  });

  it("reads the click ID from a query string, and nothing else", () => {
    expect(clickIdOfSearch(`?aecid=${ID}`)).toBe(ID);
    expect(clickIdOfSearch(`?utm_source=x&aecid=${ID.toUpperCase()}&b=1`)).toBe(ID);
    expect(clickIdOfSearch(`?aecid=${ID}x`)).toBeNull();
    expect(clickIdOfSearch("?aecid=")).toBeNull();
    expect(clickIdOfSearch(`?xaecid=${ID}`)).toBeNull();
    expect(clickIdOfSearch("")).toBeNull();
  });

  it("finds the click ID in an order's landing_site and note_attributes", () => {
    expect(aecidOfLandingSite(`/products/mug?aecid=${ID}`)).toBe(ID);
    expect(aecidOfLandingSite(`https://shop.example/?a=1&aecid=${ID}#top`)).toBe(ID);
    expect(aecidOfLandingSite("/products/mug")).toBeNull();
    expect(aecidOfLandingSite(null)).toBeNull();
    expect(
      aecidOfNoteAttributes([
        { name: "gift", value: "yes" },
        { name: "aecid", value: ID },
      ]),
    ).toBe(ID);
    expect(aecidOfNoteAttributes([{ name: "aecid", value: "nope" }])).toBeNull();
    expect(aecidOfNoteAttributes("aecid")).toBeNull();
  });
});
