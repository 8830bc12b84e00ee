import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { byShard, clickDb, everyClickDb, MAIN_DB, shardDb } from "../../src/storage/shards";
import { aecidIn } from "../support/storage-clicks";

describe("storage/shards", () => {
  it("names the database of each click from its aecid (the test plan: DB CLICKS_1 CLICKS_2)", () => {
    expect(clickDb(env, aecidIn("DB"))).toBe(env.DB);
    expect(clickDb(env, aecidIn("CLICKS_1"))).toBe(env.CLICKS_1);
    expect(clickDb(env, aecidIn("CLICKS_2"))).toBe(env.CLICKS_2);
  });

  it("lists every click database once, the main one first", () => {
    expect(everyClickDb(env)).toEqual([
      { binding: MAIN_DB, db: env.DB },
      { binding: "CLICKS_1", db: env.CLICKS_1 },
      { binding: "CLICKS_2", db: env.CLICKS_2 },
    ]);
  });

  it("groups items by their click's shard, keeping their order", () => {
    const ids = [aecidIn("CLICKS_2"), aecidIn("DB"), aecidIn("CLICKS_2")];
    const groups = byShard(
      env,
      ids.map((id) => ({ id })),
      (item) => item.id,
    );
    expect([...groups.keys()].sort()).toEqual(["CLICKS_2", "DB"]);
    expect(groups.get("CLICKS_2")?.map((item) => item.id)).toEqual([ids[0], ids[2]]);
  });

  it("refuses a plan that names an unbound database, or that does not parse", () => {
    expect(() => shardDb(env, "CLICKS_9")).toThrow(/CLICKS_9.*not a D1 binding/);
    expect(() => shardDb(env, "ADMIN_TOKEN")).toThrow(/not a D1 binding/);
    const broken = { ...env, CLICK_SHARDS: "DB; CLICKS_1" } as Env;
    expect(() => everyClickDb(broken)).toThrow(/epoch 2 needs "@ <UTC time>"/);
  });
});
