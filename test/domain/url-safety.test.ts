import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkOutboundUrl, nonPublicHost } from "../../src/domain/url-safety";

describe("outbound URLs", () => {
  it("refuses every URL of the SSRF corpus", () => {
    expect(env.CORPORA.ssrfUrls.length).toBeGreaterThan(100);
    for (const url of env.CORPORA.ssrfUrls) {
      expect(checkOutboundUrl(url, false).ok, url).toBe(false);
    }
  });

  it("takes https URLs on public hosts, with their query", () => {
    for (const url of [
      "https://partner.example.com/postback?cid=x&payout=12.35",
      "https://hooks.tracker.io:8443/p/123",
      "https://93.184.216.34/p",
      "https://[2606:4700::1111]/hook",
      "https://[2002:5db8:d822::1]/6to4-of-a-public-v4",
    ]) {
      expect(checkOutboundUrl(url, false), url).toMatchObject({ ok: true });
    }
  });

  it("sees through every notation of a private address", () => {
    for (const host of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.9.9",
      "169.254.169.254",
      "100.64.1.1",
      "0.0.0.0",
    ])
      expect(nonPublicHost(host), host).not.toBeNull();
    for (const raw of [
      "https://2130706433/",
      "https://0x7f.1/",
      "https://0177.1/",
      "https://[::ffff:10.0.0.1]/",
      "https://[64:ff9b::a00:1]/",
      "https://[fc00::1]/",
      "https://[fe80::1%25eth0]/",
      "https://[2002:a9fe:a9fe::1]/",
      "https://[2002:7f00:1::]/",
      "https://[2002:c0a8:101::1]/",
      "https://[fec0::1]/",
      "https://[fef0::1]/",
      "https://[::ffff:0:7f00:1]/",
      "https://[::ffff:0:a9fe:a9fe]/",
      "https://[::ffff:0:a00:1]/",
    ])
      expect(checkOutboundUrl(raw, false).ok, raw).toBe(false);
  });

  it("refuses a redirector's URL that carries a URL to a private host", () => {
    expect(
      checkOutboundUrl("https://r.example.com/go?to=http%3A%2F%2F169.254.169.254%2F", false).ok,
    ).toBe(false);
    expect(
      checkOutboundUrl("https://r.example.com/go?to=https://partner.example.com/", false).ok,
    ).toBe(true);
  });

  it("lifts the rules with OUTBOUND_ALLOW_INSECURE, for http(s) only", () => {
    expect(checkOutboundUrl("http://127.0.0.1:8788/hook", true).ok).toBe(true);
    expect(checkOutboundUrl("file:///etc/passwd", true).ok).toBe(false);
  });
});
