import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newLinkId } from "../../src/domain/ids";
import { addMeasures, type DimsDelta, OTHER } from "../../src/domain/report-dims";
import { rollupStatement } from "../../src/storage/rollups";

const db = env.DB;
const DAY = "2026-03-01";
const values = (sub1: string | null, country: string | null) => ({
  sub1,
  sub2: null,
  sub3: null,
  sub4: null,
  sub5: null,
  country,
  device: null,
  referrer: null,
});

const clicksOf = (list: [string | null, string | null][]) => {
  const dims: DimsDelta = {};
  for (const [sub1, country] of list) addMeasures(dims, values(sub1, country), { c: 1 });
  return dims;
};

const dimsOf = async (link: string) => {
  const row = await db
    .prepare(
      "SELECT clicks, json(dims) AS dims FROM daily_link_counts WHERE day = ?1 AND link_id = ?2",
    )
    .bind(DAY, link)
    .first<{ clicks: number; dims: string }>();
  return { clicks: row?.clicks, dims: JSON.parse(row?.dims ?? "{}") };
};

describe("storage/rollups", () => {
  it("merges values into the counter row and folds values past the cap into (other)", async () => {
    const link = newLinkId();
    const add = (list: [string | null, string | null][], cap: number) =>
      rollupStatement(
        db,
        [{ day: DAY, linkId: link, clicks: list.length, dims: clicksOf(list) }],
        cap,
      ).run();
    await add(
      [
        ["a", "FR"],
        ["b", "FR"],
        [null, "DE"],
      ],
      3,
    );
    await add(
      [
        ["a", "US"],
        ["c", "FR"],
        ["d", null],
      ],
      3,
    );
    const { clicks, dims } = await dimsOf(link);
    expect(clicks).toBe(6);
    expect(dims.all).toEqual({ "": { c: 6 } });
    // a, b and "" (no sub1) came first; c is the fourth distinct value, d the fifth.
    expect(dims.sub1).toEqual({ a: { c: 2 }, b: { c: 1 }, "": { c: 1 }, [OTHER]: { c: 2 } });
    // Of two new values in one write, the first in order ("", no country) takes the last place.
    expect(dims.country).toEqual({ FR: { c: 3 }, DE: { c: 1 }, "": { c: 1 }, [OTHER]: { c: 1 } });
  });

  it("counts an entry only when its condition holds", async () => {
    const link = newLinkId();
    const entry = { day: DAY, linkId: link, clicks: 1, dims: clicksOf([["x", "FR"]]) };
    await rollupStatement(db, [entry], 10, "?3 = 'yes'", "no").run();
    expect((await dimsOf(link)).clicks).toBeUndefined();
    await rollupStatement(db, [entry], 10, "?3 = 'yes'", "yes").run();
    expect((await dimsOf(link)).dims.sub1).toEqual({ x: { c: 1 } });
  });

  it("writes one row per link and day whatever the number of values", async () => {
    const link = newLinkId();
    const list = Array.from({ length: 50 }, (_, i): [string, string] => [`s${i}`, `C${i % 7}`]);
    const result = await rollupStatement(
      db,
      [{ day: DAY, linkId: link, clicks: 50, dims: clicksOf(list) }],
      1000,
    ).run();
    expect(result.meta.rows_written).toBe(1);
    expect(Object.keys((await dimsOf(link)).dims.sub1)).toHaveLength(50);
  });

  it("stores JSONB, and merges a row kept as text by the release before", async () => {
    const link = newLinkId();
    // As the first release of migration 0014 left it: the maps as JSON text.
    const text = JSON.stringify({ all: { "": { c: 2 } }, sub1: { a: { c: 2 } } });
    await db
      .prepare("INSERT INTO daily_link_counts (day, link_id, clicks, dims) VALUES (?1, ?2, 2, ?3)")
      .bind(DAY, link, text)
      .run();
    await rollupStatement(
      db,
      [{ day: DAY, linkId: link, clicks: 1, dims: clicksOf([["a", "FR"]]) }],
      1000,
    ).run();
    const stored = await db
      .prepare("SELECT typeof(dims) AS kind FROM daily_link_counts WHERE day = ?1 AND link_id = ?2")
      .bind(DAY, link)
      .first<{ kind: string }>();
    expect(stored?.kind).toBe("blob");
    const { clicks, dims } = await dimsOf(link);
    expect(clicks).toBe(3);
    expect(dims.sub1).toEqual({ a: { c: 3 } });
    expect(dims.all).toEqual({ "": { c: 3 } });
  });
});
