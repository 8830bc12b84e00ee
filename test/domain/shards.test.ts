import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { allShards, ONE_DATABASE, parseShardPlan, shardOf } from "../../src/domain/shards";

const planOf = (text: string) => {
  const parsed = parseShardPlan(text);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.plan;
};

describe("click shards", () => {
  it("are one database by default", () => {
    expect(planOf("DB")).toEqual(ONE_DATABASE);
    expect(shardOf(newId(), ONE_DATABASE)).toBe("DB");
  });

  it("spread a day's clicks evenly, from the aecid alone", () => {
    const plan = planOf("DB CLICKS_1 CLICKS_2");
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const shard = shardOf(newId(), plan);
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["CLICKS_1", "CLICKS_2", "DB"]);
    for (const n of counts.values()) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it("never move a click when a shard is added: an aecid made before the new epoch keeps its shard", () => {
    const before = planOf("DB CLICKS_1");
    const after = planOf("DB CLICKS_1; DB CLICKS_1 CLICKS_2 @ 2027-01-01T00:00:00Z");
    const start = Date.parse("2027-01-01T00:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: start - 1 }), (ms) => {
        const aecid = newId(ms);
        expect(shardOf(aecid, after)).toBe(shardOf(aecid, before));
      }),
    );
    const later = Array.from({ length: 3_000 }, () => shardOf(newId(start + 1_000), after));
    expect(new Set(later)).toEqual(new Set(["DB", "CLICKS_1", "CLICKS_2"]));
    expect(allShards(after)).toEqual(["DB", "CLICKS_1", "CLICKS_2"]);
  });

  it("say what is wrong with a plan", () => {
    const problem = (text: string) => {
      const parsed = parseShardPlan(text);
      return "problem" in parsed ? parsed.problem : null;
    };
    expect(problem("")).toContain("names no D1 binding");
    expect(problem("DB clicks_1")).toContain("not a binding name");
    expect(problem("DB DB")).toContain("twice");
    expect(problem("DB @ 2027-01-01T00:00:00Z")).toContain("first epoch");
    expect(problem("DB; DB CLICKS_1")).toContain("@ <UTC time>");
    expect(problem("DB; DB CLICKS_1 @ 2027-01-01T00:00:00Z; DB @ 2026-01-01T00:00:00Z")).toContain(
      "after the one before",
    );
  });
});
