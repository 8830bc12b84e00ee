import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { writeClickNow } from "../../src/click/sink";
import { decodeClickBatch } from "../../src/domain/click-message";
import { newId } from "../../src/domain/ids";
import { parseShardPlan, type ShardPlan, shardOf } from "../../src/domain/shards";
import worker from "../../src/index";
import { clickBytesSql } from "../../src/storage/click-bytes-sql";
import { getClick } from "../../src/storage/click-reads";
import { burst } from "../support/bursts";
import { CLICK_DATABASES, clickCount, clickRow, counterSum } from "../support/click-rows";
import { isWrite, spyD1 } from "../support/d1-spy";
import { aecidOf, api, postback, setupLink } from "../support/helpers";
import { asPending, CLICK_QUEUE_NAME, deliver, recordingQueue } from "../support/queue";

const SHARDS = { DB: env.DB, CLICKS_1: env.CLICKS_1, CLICKS_2: env.CLICKS_2 };
const planOf = (text: string): ShardPlan => {
  const parsed = parseShardPlan(text);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.plan;
};
const TEST_PLAN = planOf(env.CLICK_SHARDS);

describe("clicks sharded across D1 databases (three in tests)", () => {
  it("puts each click on the shard its aecid names, counts it there, and reports the sum", async () => {
    const { link, program } = await setupLink();
    const queue = recordingQueue();
    const responses = await burst(link.id, 300, { CLICK_QUEUE: queue.binding });
    const ids = responses.map((r) => aecidOf(r) as string);
    const result = await deliver(CLICK_QUEUE_NAME, asPending(queue.take()));
    expect(result.retryMessages).toEqual([]);
    for (const [binding, db] of Object.entries(SHARDS)) {
      const mine = ids.filter((id) => shardOf(id, TEST_PLAN) === binding);
      expect(mine.length, binding).toBeGreaterThan(50);
      const stored = await db
        .prepare("SELECT count(*) AS n FROM clicks WHERE link_id = ?1")
        .bind(link.id)
        .first<{ n: number }>();
      const counted = await db
        .prepare("SELECT coalesce(sum(clicks), 0) AS n FROM daily_link_counts WHERE link_id = ?1")
        .bind(link.id)
        .first<{ n: number }>();
      expect([stored?.n, counted?.n], binding).toEqual([mine.length, mine.length]);
    }
    expect(await counterSum("clicks", "link_id = ?1", link.id)).toBe(300);
    const day = new Date().toISOString().slice(0, 10);
    const stats = await api("GET", `/stats?program_id=${program.id}&from=${day}&group_by=link`);
    expect(stats.body.data).toEqual([expect.objectContaining({ link_id: link.id, clicks: 300 })]);
  });

  it("writes a message batch in one transaction per shard, the shards side by side", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    await burst(link.id, 60, { CLICK_QUEUE: queue.binding });
    const spies = Object.fromEntries(Object.entries(SHARDS).map(([b, db]) => [b, spyD1(db)]));
    const batch = createMessageBatch(
      CLICK_QUEUE_NAME,
      asPending(queue.take()).map((m) => ({ ...m, timestamp: new Date() })),
    );
    const ctx = createExecutionContext();
    const spied = Object.fromEntries(Object.entries(spies).map(([b, spy]) => [b, spy.db]));
    await worker.queue(batch, { ...env, ...spied }, ctx);
    expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
    let rows = 0;
    for (const [binding, spy] of Object.entries(spies)) {
      expect(spy.calls(), binding).toBe(1);
      rows += spy.statements.filter(isWrite).reduce((n, s) => n + (s.rowsWritten ?? 0), 0);
    }
    // 60 click rows, plus a receipt and a counter row in each of the three shards.
    expect(rows).toBeLessThanOrEqual(66);
    expect(await clickCount("link_id = ?1", link.id)).toBe(60);
  });

  it("lets a postback find its clicks on any shard, read side by side", async () => {
    const { link, program } = await setupLink();
    const clicks = [];
    for (
      let i = 0;
      clicks.length < 3 || new Set(clicks.map((c) => shardOf(c, TEST_PLAN))).size < 3;
      i++
    ) {
      const id = newId(Date.now() - 60_000 + i * 10);
      await writeClickNow(
        env,
        {
          id,
          linkId: link.id,
          programId: link.program_id,
          partnerId: link.partner_id,
          createdAt: Date.now() - 60_000 + i * 10,
          subIds: [`s${i}`, null, null, null, null],
          country: null,
          userAgent: null,
          refererHost: null,
        },
        null,
      );
      clicks.push(id);
    }
    const last = clicks[clicks.length - 1] as string;
    for (const id of clicks) expect((await getClick(env, id))?.subIds[0]).not.toBeNull();
    const answer = await postback({
      key: program.conversion_key,
      id: "sharded-1",
      amount: "10",
      currency: "EUR",
      cids: clicks.join("-"),
    });
    expect(answer.status).toBe(201);
    expect(answer.body.click_id).toBe(last);
    expect((await api("GET", `/clicks/${last}`)).body.conversions).toHaveLength(1);
  });

  it("moves nothing when a shard is added: clicks made before the new epoch stay found", async () => {
    const { link, program } = await setupLink();
    const start = Date.now() + 3_600_000;
    const before = "DB CLICKS_1";
    const after = `DB CLICKS_1; DB CLICKS_1 CLICKS_2 @ ${new Date(start).toISOString().slice(0, 19)}Z`;
    const click = (at: number, i: number) => ({
      id: newId(at),
      linkId: link.id,
      programId: link.program_id,
      partnerId: link.partner_id,
      createdAt: at,
      subIds: [`k${i}`, null, null, null, null] as [string, null, null, null, null],
      country: null,
      userAgent: null,
      refererHost: null,
    });
    const made = Array.from({ length: 40 }, (_, i) => click(Date.now() - 120_000 + i, i));
    for (const c of made) await writeClickNow({ ...env, CLICK_SHARDS: before }, c, null);
    // The operator deploys the new plan: every earlier click is where both plans say.
    const grown = { ...env, CLICK_SHARDS: after };
    for (const c of made) {
      expect(shardOf(c.id, planOf(after))).toBe(shardOf(c.id, planOf(before)));
      expect((await getClick(grown, c.id))?.id).toBe(c.id);
    }
    expect(made.every((c) => shardOf(c.id, planOf(after)) !== "CLICKS_2")).toBe(true);
    const query = new URLSearchParams({
      key: program.conversion_key,
      id: "after-1",
      amount: "1",
      currency: "EUR",
      cids: made[5]?.id as string,
    });
    const answer = await worker.fetch(
      new Request(`https://track.shop.example/?${query}`),
      grown,
      createExecutionContext(),
    );
    expect(answer.status).toBe(201);
    // Clicks of the new epoch also go to the new shard.
    const later = Array.from({ length: 30 }, (_, i) => click(start + 1_000 + i, i));
    for (const c of later) await writeClickNow(grown, c, null);
    const onNew = later.filter((c) => shardOf(c.id, planOf(after)) === "CLICKS_2");
    expect(onNew.length).toBeGreaterThan(0);
    for (const c of onNew) {
      const row = await env.CLICKS_2.prepare(
        "SELECT count(*) AS n FROM clicks WHERE id = unhex(?1)",
      )
        .bind(c.id)
        .first<{ n: number }>();
      expect(row?.n).toBe(1);
    }
  });

  it("stores a browser click in at most 150 bytes, and answers the same JSON", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    const responses = await burst(link.id, 30, { CLICK_QUEUE: queue.binding });
    await deliver(CLICK_QUEUE_NAME, asPending(queue.take()));
    for (const db of CLICK_DATABASES()) {
      const bytes = await db.prepare(clickBytesSql).bind(link.id).first<{ n: number | null }>();
      if (bytes?.n !== null) expect(bytes?.n).toBeLessThanOrEqual(150);
    }
    const aecid = aecidOf(responses[0] as Response) as string;
    const row = await clickRow(aecid);
    expect(row).toMatchObject({ device: "Chrome 131 / Windows / desktop" });
    expect(row?.ua_hash).toMatch(/^[0-9a-f]{32}$/);
    const read = await api("GET", `/clicks/${aecid}`);
    expect(Object.keys(read.body).sort()).toEqual([
      "aecid",
      "conversion",
      "conversions",
      "country",
      "created_at",
      "ip_hash",
      "link_id",
      "partner_id",
      "program_id",
      "referer_host",
      "sub1",
      "sub2",
      "sub3",
      "sub4",
      "sub5",
      "user_agent",
    ]);
    expect(read.body).toMatchObject({ aecid, program_id: link.program_id, link_id: link.id });
    expect(decodeClickBatch({ v: 2, id: "x", c: [], h: [] })).not.toBeNull();
  });
});
