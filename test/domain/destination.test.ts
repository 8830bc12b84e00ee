import { describe, expect, it } from "vitest";
import { allowedUrl, isAllowedHost, normaliseDomain } from "../../src/domain/destination";

const allowed = ["shop.example"];

describe("normaliseDomain", () => {
  it("canonicalises case, trailing dots and IDN", () => {
    expect(normaliseDomain("Shop.Example.")).toBe("shop.example");
    expect(normaliseDomain("bücher.example")).toBe("xn--bcher-kva.example");
    expect(normaliseDomain("localhost")).toBe("localhost");
  });
  it("refuses what is not a host name", () => {
    for (const bad of [
      "",
      "com",
      "a b.example",
      "https://shop.example",
      "shop.example/path",
      "user@shop.example",
      "*.shop.example",
      "127.0.0.1",
      "shop.example:443",
      "-bad.example",
    ]) {
      expect(normaliseDomain(bad), bad).toBeNull();
    }
  });
});

describe("allowedUrl", () => {
  it("accepts the domain and its subdomains over http(s)", () => {
    expect(allowedUrl("https://shop.example/p?q=1#f", allowed)).toBe(
      "https://shop.example/p?q=1#f",
    );
    expect(allowedUrl("http://www.shop.example/", allowed)).toBe("http://www.shop.example/");
    expect(allowedUrl("https://SHOP.EXAMPLE./x", allowed)).toBe("https://shop.example./x");
    expect(allowedUrl("https://a.b.shop.example:8443/", allowed)).toBe(
      "https://a.b.shop.example:8443/",
    );
  });

  it("refuses look-alikes, tricks and other schemes", () => {
    for (const bad of [
      "https://evilshop.example/",
      "https://shop.example.evil.example/",
      "https://shop.example@evil.example/",
      "https://evil.example#@shop.example",
      "https://evil.example?.shop.example",
      "https://evil.example\\@shop.example",
      "https://shop.example\\.evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)//shop.example",
      "data:text/html,shop.example",
      "ftp://shop.example/",
      "https://user:pass@shop.example/",
      "https://shop.example/\r\nSet-Cookie: x=1",
      "https://shop.exa\tmple/",
      " https://shop.example/",
      "https://%73hop.example.evil.example/",
      "shop.example",
      "",
    ]) {
      expect(allowedUrl(bad, allowed), JSON.stringify(bad)).toBeNull();
    }
  });

  it("judges percent-encoded and IDN hosts as the browser will read them", () => {
    expect(allowedUrl("https://%73hop.example/", allowed)).toBe("https://shop.example/");
    expect(allowedUrl("https://shop%2eexample/", allowed)).toBe("https://shop.example/");
    expect(allowedUrl("https://evil%2eexample/", allowed)).toBeNull();
    expect(allowedUrl("https://bücher.example/", ["xn--bcher-kva.example"])).toBe(
      "https://xn--bcher-kva.example/",
    );
  });
});

describe("isAllowedHost", () => {
  it("matches whole labels only", () => {
    expect(isAllowedHost("shop.example", allowed)).toBe(true);
    expect(isAllowedHost("m.shop.example", allowed)).toBe(true);
    expect(isAllowedHost("myshop.example", allowed)).toBe(false);
    expect(isAllowedHost("example", allowed)).toBe(false);
  });
});
