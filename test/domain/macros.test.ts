import { describe, expect, it } from "vitest";
import { fillTemplate, MACROS, macroInAuthority, unknownMacros } from "../../src/domain/macros";

const values = Object.fromEntries(MACROS.map((m) => [m, null])) as Record<
  (typeof MACROS)[number],
  string | null
>;

describe("postback URL macros", () => {
  it("are filled with percent-encoded values, empty when missing", () => {
    const url = fillTemplate(
      "https://p.example/cb?cid={aecid}&s={sub1}&pay={commission}&x={sub2}",
      {
        ...values,
        aecid: "6b08120b1b08d29b2bd658c6",
        sub1: "a b&c=d/é#",
        commission: "12.35",
      },
    );
    expect(url).toBe(
      "https://p.example/cb?cid=6b08120b1b08d29b2bd658c6&s=a%20b%26c%3Dd%2F%C3%A9%23&pay=12.35&x=",
    );
    expect(new URL(url).searchParams.get("s")).toBe("a b&c=d/é#");
  });

  it("name the unknown ones, and find one in the host", () => {
    expect(unknownMacros("https://p.example/?a={aecid}&b={payout}&c={ sub1 }")).toEqual([
      "payout",
      " sub1 ",
    ]);
    expect(macroInAuthority("https://{sub1}.example/x")).toBe(true);
    expect(macroInAuthority("https://p.example:{sub2}/x")).toBe(true);
    expect(macroInAuthority("https://p.example/{sub1}?a={aecid}")).toBe(false);
  });

  it("are judged where the URL parser puts them: a sub-ID never makes the scheme, host or port", () => {
    for (const template of [
      "https:/{sub1}.{sub2}/cb",
      "https:/\\{sub1}.{sub2}/cb",
      "https:/\t/{sub1}.{sub2}/cb",
      "https:{sub1}.{sub2}/cb",
      "https://p.example{sub1}/cb",
      "https://{sub1}@p.example/cb",
      "{sub1}://p.example/cb",
      "https://[{sub1}]/cb",
    ])
      expect(macroInAuthority(template), template).toBe(true);
    for (const template of [
      "https://p.example/{sub1}/{sub2}?a={aecid}#{sub3}",
      "https://p.example:8443/cb?s={sub1}",
      "https://p.example/cb/{sub1}.{sub2}",
    ])
      expect(macroInAuthority(template), template).toBe(false);
  });
});
