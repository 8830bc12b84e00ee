import { describe, expect, it } from "vitest";
import { countDeltas } from "../../src/domain/click-batch";
import {
  addBotHit,
  HIT_DIMS_BYTES,
  HIT_VALUES_PER_DIMENSION,
  type HitVisit,
  hitDimsOf,
  hitValues,
  newHitBudget,
} from "../../src/domain/hit-dims";
import { CLICK_DIMENSIONS, type DimsDelta, OTHER } from "../../src/domain/report-dims";

const visit = (sub1: string | null, country: string | null = "FR"): HitVisit => ({
  programId: "p".repeat(24),
  partnerId: "q".repeat(24),
  subIds: [sub1, null, null, null, null],
  country,
  userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  refererHost: null,
});
const bots = (dims: DimsDelta, dim: string) =>
  Object.values(dims[dim] ?? {}).reduce((sum, m) => sum + (m.b ?? 0), 0);

describe("bot hits by dimension value", () => {
  it("counts each hit under its values and in the totals, every dimension adding up", () => {
    const [delta] = countDeltas([
      { linkId: "L", at: "2026-12-01", counter: "bot_hits", visit: visit("a") },
      { linkId: "L", at: "2026-12-01", counter: "bot_hits", visit: visit("a", "DE") },
      { linkId: "L", at: "2026-12-01", counter: "bot_hits", visit: visit(null) },
      { linkId: "L", at: "2026-12-01", counter: "impressions" },
    ]);
    expect(delta?.counts).toEqual({ clicks: 0, bot_hits: 3, impressions: 1 });
    // The link's program and partner come with the bot's visit: reports filter on them.
    expect([delta?.programId, delta?.partnerId]).toEqual(["p".repeat(24), "q".repeat(24)]);
    const dims = delta?.dims ?? {};
    expect(dims.sub1).toEqual({ a: { b: 2 }, "": { b: 1 } });
    expect(dims.country).toEqual({ FR: { b: 2 }, DE: { b: 1 } });
    expect(dims.device).toEqual({ [hitValues(visit("a")).device ?? ""]: { b: 3 } });
    for (const dim of ["all", ...CLICK_DIMENSIONS]) expect(bots(dims, dim)).toBe(3);
  });

  it("folds values past the cap per dimension under (other), totals intact", () => {
    const dims: DimsDelta = {};
    const budget = newHitBudget();
    const hits = HIT_VALUES_PER_DIMENSION + 15;
    for (let i = 0; i < hits; i++) addBotHit(dims, hitValues(visit(`v${i}`)), budget);
    expect(Object.keys(dims.sub1 ?? {})).toHaveLength(HIT_VALUES_PER_DIMENSION + 1);
    expect(dims.sub1?.[OTHER]).toEqual({ b: 15 });
    expect(bots(dims, "sub1")).toBe(hits);
    expect(bots(dims, "all")).toBe(hits);
  });

  it("counts a hit in the totals only once the batch's budget of value text is spent", () => {
    const budget = newHitBudget();
    const deltas: DimsDelta[] = [];
    // Long sub-IDs over many links: each new value costs its length, until nothing is left.
    for (let link = 0; link < 100; link++) {
      const dims: DimsDelta = {};
      for (let i = 0; i < 5; i++)
        addBotHit(dims, hitValues(visit(`${link}-${i}-${"x".repeat(90)}`)), budget);
      deltas.push(dims);
    }
    const valueText = deltas.reduce((sum, d) => sum + JSON.stringify(d).length, 0);
    expect(valueText).toBeLessThan(HIT_DIMS_BYTES * 1.5);
    expect(deltas.every((d) => bots(d, "all") === 5)).toBe(true);
    const byDimension = deltas.reduce((sum, d) => sum + bots(d, "sub1"), 0);
    expect(byDimension).toBeGreaterThan(0);
    expect(byDimension).toBeLessThan(500);
  });

  it("takes from a message only dimensions of the right shape, with their totals", () => {
    const good = { all: { "": { b: 2 } }, sub1: { a: { b: 2 } } };
    expect(hitDimsOf(good)).toEqual(good);
    for (const bad of [
      null,
      [],
      { sub1: { a: { b: 2 } } },
      { all: { "": { b: -1 } } },
      { all: { "": { b: 1, c: 1 } } },
      { all: { "": { b: 1 } }, nope: {} },
      { all: { "": { c: 1 } } },
      { all: [] },
    ]) {
      expect(hitDimsOf(bad)).toBeNull();
    }
  });
});
