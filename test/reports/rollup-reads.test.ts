import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newLinkId } from "../../src/domain/ids";
import { addMeasures, type DimsDelta } from "../../src/domain/report-dims";
import { reportRows } from "../../src/reports/report-rows";
import { type GroupKey, readRollups } from "../../src/reports/report-sql";
import { rollupStatement } from "../../src/storage/rollups";

interface Seeded {
  day: string;
  link: string;
  sub1: string | null;
  country: string | null;
  converted: boolean;
}

const pick = <T>(list: T[], i: number) => list[i % list.length] as T;

describe("reports read from the rollups", () => {
  it("answer what a brute-force count of the same clicks and conversions answers", async () => {
    const program = `p${Date.now()}`;
    const links = [newLinkId(), newLinkId(), newLinkId()];
    const seeded: Seeded[] = Array.from({ length: 600 }, (_, i) => ({
      day: pick(["2026-04-01", "2026-04-02"], i * 7),
      link: pick(links, i * 13),
      sub1: pick(["a", "b", "c", null], (i * 31) % 11),
      country: pick(["FR", "DE", null], (i * 17) % 5),
      converted: (i * 37) % 9 === 0,
    }));
    const entries = seeded.map((s) => {
      const dims: DimsDelta = {};
      const values = { sub1: s.sub1, sub2: null, sub3: null, sub4: null, sub5: null };
      const all = { ...values, country: s.country, device: null, referrer: null };
      addMeasures(dims, all, s.converted ? { c: 1, "n|sale": 1, "m|sale|EUR": 100 } : { c: 1 });
      return { day: s.day, linkId: s.link, clicks: 1, programId: program, dims };
    });
    for (let at = 0; at < entries.length; at += 100) {
      await rollupStatement(env.DB, entries.slice(at, at + 100), 1000).run();
    }
    const filter = {
      fromDay: "2026-04-01",
      toDay: "2026-04-02",
      programId: program,
      partnerId: null,
      linkId: null,
    };
    // Read whole, and in pages of 1 and 4 of the 6 counter rows (2 days × 3 links): a page may
    // end inside a day or at its end, and the next must go on right after it.
    const reads = ([["country"], ["day", "sub1"], ["link"]] as GroupKey[][]).flatMap((groupBy) =>
      [undefined, 1, 4].map((page) => ({ groupBy, page })),
    );
    for (const { groupBy, page } of reads) {
      const rows = reportRows(await readRollups(env.DB, groupBy, filter, page), groupBy, null);
      const brute = new Map<string, { clicks: number; conversions: number }>();
      for (const s of seeded) {
        const key = JSON.stringify(
          groupBy.map((k) =>
            k === "country" ? s.country : k === "sub1" ? s.sub1 : k === "day" ? s.day : s.link,
          ),
        );
        const into = brute.get(key) ?? { clicks: 0, conversions: 0 };
        into.clicks++;
        if (s.converted) into.conversions++;
        brute.set(key, into);
      }
      const got = new Map(
        rows.map((r) => [
          JSON.stringify(groupBy.map((k) => r.keys[k] ?? null)),
          { clicks: r.clicks, conversions: r.conversions },
        ]),
      );
      expect(got).toEqual(brute);
    }
  });
});
