import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { erasePersonalFields, getClick, readClicks } from "../../src/storage/click-reads";
import { getClickIn, insertClicksStatement } from "../../src/storage/clicks";
import { shardDb } from "../../src/storage/shards";
import { aClick, aecidIn } from "../support/storage-clicks";

const SHARDS = ["DB", "CLICKS_1", "CLICKS_2"];

/** A click stored in each shard of the test plan. */
async function oneClickPerShard() {
  const clicks = SHARDS.map((binding) => aClick({ id: aecidIn(binding) }));
  for (const [i, binding] of SHARDS.entries())
    await insertClicksStatement(shardDb(env, binding), [
      clicks[i] as (typeof clicks)[number],
    ]).run();
  return clicks;
}

describe("storage/click-reads", () => {
  it("finds each click in the shard its aecid names", async () => {
    const clicks = await oneClickPerShard();
    for (const click of clicks) expect(await getClick(env, click.id)).toEqual(click);
  });

  it("does not find a click written to another shard than its aecid's", async () => {
    const click = aClick({ id: aecidIn("CLICKS_1") });
    await insertClicksStatement(env.CLICKS_2, [click]).run();
    expect(await getClick(env, click.id)).toBeNull();
  });

  it("reads many clicks across every shard at once, keyed by aecid; unknown ids are absent", async () => {
    const clicks = await oneClickPerShard();
    const extra = Array.from({ length: 150 }, () => aClick({ id: aecidIn("CLICKS_2") }));
    await insertClicksStatement(env.CLICKS_2, extra).run();
    const ids = [...clicks, ...extra].map((c) => c.id);
    const found = await readClicks(env, [...ids, aecidIn("DB")]);
    expect(found.size).toBe(153);
    for (const click of clicks) expect(found.get(click.id)).toEqual(click);
    expect((await readClicks(env, [])).size).toBe(0);
  });

  it("erases a click in its own shard", async () => {
    const [, click] = await oneClickPerShard();
    const erased = await erasePersonalFields(env, click?.id as string);
    expect(erased).toMatchObject({
      id: click?.id,
      ipHash: null,
      device: null,
      linkId: click?.linkId,
    });
    expect((await getClickIn(env.CLICKS_1, click?.id as string))?.ipHash).toBeNull();
  });
});
