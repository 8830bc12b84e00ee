import { describe, expect, it } from "vitest";
import { mayChangeFromHere } from "../../src/auth/same-origin";

const at = (method: string, headers: Record<string, string> = {}) =>
  new Request("https://track.shop.example/api/programs/x/rotate-key", { method, headers });

describe("changes signed in through Access come from this origin", () => {
  it("lets reads, scripts and the dashboard's own requests through", () => {
    expect(mayChangeFromHere(at("GET", { Origin: "https://evil.example" }))).toBe(true);
    expect(mayChangeFromHere(at("POST"))).toBe(true);
    const own = { Origin: "https://track.shop.example", "Sec-Fetch-Site": "same-origin" };
    expect(mayChangeFromHere(at("POST", own))).toBe(true);
  });

  it("refuses a change from another site, or a sibling subdomain", () => {
    expect(mayChangeFromHere(at("POST", { Origin: "https://evil.example" }))).toBe(false);
    expect(mayChangeFromHere(at("DELETE", { "Sec-Fetch-Site": "cross-site" }))).toBe(false);
    const sibling = { Origin: "https://blog.shop.example", "Sec-Fetch-Site": "same-site" };
    expect(mayChangeFromHere(at("PATCH", sibling))).toBe(false);
    expect(mayChangeFromHere(at("POST", { Origin: "null" }))).toBe(false);
  });
});
