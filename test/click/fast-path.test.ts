import { describe, expect, it } from "vitest";
import { clickLinkIdOf } from "../../src/click/redirect";
import { aecidOf, call, HUMAN_UA, setupLink } from "../support/helpers";

describe("the tracking link's fast path", () => {
  it("takes exactly `/c/<link ID>`, with or without a query, and nothing else", () => {
    const on = (path: string) => clickLinkIdOf(`https://t.example${path}`);
    expect(on("/c/AbC_de-123")).toBe("AbC_de-123");
    expect(on("/c/AbC_de-123?sub1=x&url=y")).toBe("AbC_de-123");
    expect(on("/c/AbC_de-123/")).toBeNull();
    expect(on("/c/AbC_de-123/more")).toBeNull();
    expect(on("/c/short")).toBeNull();
    expect(on("/c/AbC%5Fde-123")).toBeNull(); // encoded: Hono decodes it, the slow path answers
    expect(on("/C/AbC_de-123")).toBeNull();
    expect(on("/x/c/AbC_de-123")).toBeNull();
    expect(on("/i/AbC_de-123")).toBeNull();
    expect(on("/")).toBeNull();
    expect(clickLinkIdOf("https://t.example")).toBeNull();
  });

  it("answers as Hono's route does for the same link, taken by the slow path", async () => {
    const { link } = await setupLink();
    const headers = { "User-Agent": HUMAN_UA };
    // The percent-encoded underscore-free path goes through Hono (its param is decoded there).
    const encoded = `/c/${encodeURIComponent(link.id).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
    expect(clickLinkIdOf(`https://t.example${encoded}`)).toBeNull();
    const fast = await call(`/c/${link.id}?sub1=a`, { headers });
    const slow = await call(`${encoded}?sub1=a`, { headers });
    for (const response of [fast, slow]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    }
    const strip = (r: Response) => r.headers.get("Location")?.replace(aecidOf(r) as string, "X");
    expect(strip(slow)).toBe(strip(fast));
    expect(aecidOf(fast)).not.toBe(aecidOf(slow));
  });
});
