import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clickUrlTemplate, withClickId, withoutClickId } from "../../src/domain/click-url";

const ID = "603ed1800000000000000000";

describe("withClickId", () => {
  it("appends aecid and keeps everything else byte for byte", () => {
    expect(withClickId("https://s.example/", ID)).toBe(`https://s.example/?aecid=${ID}`);
    expect(withClickId("https://s.example/p?a=b%20c&x=%2F#frag?x", ID)).toBe(
      `https://s.example/p?a=b%20c&x=%2F&aecid=${ID}#frag?x`,
    );
    expect(withClickId("https://s.example/p?#top", ID)).toBe(`https://s.example/p?aecid=${ID}#top`);
  });

  it("replaces an aecid already there, in place, and drops further copies", () => {
    expect(withClickId("https://s.example/?a=1&aecid=old&b=2&aecid=older", ID)).toBe(
      `https://s.example/?a=1&aecid=${ID}&b=2`,
    );
    expect(withClickId("https://s.example/?%61ecid=old&b=2", ID)).toBe(
      `https://s.example/?aecid=${ID}&b=2`,
    );
    expect(withClickId("https://s.example/?aecids=keep", ID)).toBe(
      `https://s.example/?aecids=keep&aecid=${ID}`,
    );
  });

  const pair = fc
    .tuple(fc.stringMatching(/^[a-z0-9_%.]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9_%.~+-]{0,8}$/))
    .filter(([name]) => name !== "aecid" && !name.includes("%"))
    .map(([name, value]) => `${name}=${value}`);

  it("property: exactly one aecid; other pairs, their order and the fragment are kept", () => {
    fc.assert(
      fc.property(
        fc.array(pair, { maxLength: 8 }),
        fc.option(fc.stringMatching(/^[a-z0-9?&=#/]{0,10}$/)),
        fc.boolean(),
        (pairs, fragment, hadOne) => {
          const query = hadOne ? ["aecid=old", ...pairs] : pairs;
          const url = `https://s.example/path${query.length ? `?${query.join("&")}` : ""}${fragment === null ? "" : `#${fragment}`}`;
          const out = withClickId(url, ID);
          const [beforeHash, ...hashParts] = out.split("#");
          expect(hashParts.length ? hashParts.join("#") : null).toBe(fragment);
          const outPairs = (beforeHash as string).split("?")[1]?.split("&") ?? [];
          expect(outPairs.filter((p) => p.startsWith("aecid="))).toEqual([`aecid=${ID}`]);
          expect(outPairs.filter((p) => !p.startsWith("aecid="))).toEqual(pairs);
          expect(withoutClickId(out)).toBe(
            `https://s.example/path${pairs.length ? `?${pairs.join("&")}` : ""}${fragment === null ? "" : `#${fragment}`}`,
          );
        },
      ),
    );
  });

  it("property: a link's precomputed template gives what withClickId gives, for any click ID", () => {
    fc.assert(
      fc.property(
        fc.array(pair, { maxLength: 8 }),
        fc.option(fc.stringMatching(/^[a-z0-9?&=#/]{0,10}$/)),
        fc.boolean(),
        fc.stringMatching(/^[0-9a-f]{24}$/),
        (pairs, fragment, hadOne, clickId) => {
          const query = hadOne ? ["aecid=old", ...pairs, "aecid=older"] : pairs;
          const url = `https://s.example/p${query.length ? `?${query.join("&")}` : ""}${fragment === null ? "" : `#${fragment}`}`;
          expect(clickUrlTemplate(url)(clickId)).toBe(withClickId(url, clickId));
        },
      ),
    );
  });

  it("falls back to editing each time for a destination that holds the slot character", () => {
    const odd = "https://s.example/p?x=\u0000&y=1";
    expect(clickUrlTemplate(odd)(ID)).toBe(withClickId(odd, ID));
  });
});
