import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isAllowedHost } from "../../src/domain/destination";
import { cutChars } from "../../src/domain/text";
import { clickRowsWhere, waitForClicks } from "../support/click-rows";
import { aecidOf, call, setupLink, visit } from "../support/helpers";
import { expectCleanAnswer } from "../support/hostile";

const naughty = env.CORPORA.naughtyStrings;

describe("naughty strings on the click path", () => {
  it("as sub-IDs and deep links: a clean redirect, and sub-IDs stored cut at 255 characters", async () => {
    const { link } = await setupLink();
    const expected = new Map<string, string | null>();
    let tooLong = 0;
    for (const [i, s] of naughty.entries()) {
      const query = new URLSearchParams({ sub1: s, sub2: s, sub3: s, sub4: s, sub5: s, url: s });
      const response = await visit(link.id, { query: query.toString() });
      await expectCleanAnswer(response, `#${i}`);
      if (query.toString().length > 8000 && response.status === 414) {
        tooLong++;
        continue;
      }
      expect(response.status, `#${i}`).toBe(302);
      const location = new URL(response.headers.get("Location") as string);
      expect(isAllowedHost(location.hostname, ["shop.example"]), `#${i}`).toBe(true);
      // What a browser sends is what the query string decodes to.
      const sent = new URLSearchParams(query.toString()).get("sub1") as string;
      expected.set(aecidOf(response) as string, sent === "" ? null : cutChars(sent, 255));
    }
    expect(tooLong).toBeLessThan(5);
    const stored = await waitForClicks("link_id = ?1", [link.id], expected.size);
    expect(stored).toBe(expected.size);
    const rows = (await clickRowsWhere("link_id = ?1", link.id)) as unknown as Record<
      string,
      string | null
    >[];
    for (const row of rows) {
      const want = expected.get(row.id as string);
      for (const column of ["sub1", "sub2", "sub3", "sub4", "sub5"])
        expect(row[column], row.id as string).toBe(want);
    }
  });

  it("as link IDs: a plain 404 or the pixel, never a 5xx", async () => {
    for (const [i, s] of naughty.entries()) {
      await expectCleanAnswer(await call(`/c/${encodeURIComponent(s)}`), `#${i} click`);
      await expectCleanAnswer(await call(`/i/${encodeURIComponent(s)}`), `#${i} pixel`);
    }
  });
});
