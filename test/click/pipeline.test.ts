import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeClickBatch } from "../../src/domain/click-message";
import worker from "../../src/index";
import { burst } from "../support/bursts";
import { isWrite, spyD1 } from "../support/d1-spy";
import { rowCount, setupLink } from "../support/helpers";
import { asPending, CLICK_QUEUE_NAME, deliver, recordingQueue } from "../support/queue";

/**
 * These tests count what one database is sent, so clicks go to the main one alone
 * (`CLICK_SHARDS = "DB"`); how batches split over shards is in click-shards.test.ts.
 */
const oneDatabase: Partial<Env> = { CLICK_SHARDS: "DB" };

/** The consumer, called directly with a D1 spy, so every statement it runs is seen. */
async function consumeWith(db: D1Database, bodies: unknown[]) {
  const batch = createMessageBatch(
    CLICK_QUEUE_NAME,
    asPending(bodies).map((m) => ({ ...m, timestamp: new Date() })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, DB: db, ...oneDatabase }, ctx);
  return getQueueResult(batch, ctx);
}

const clicksIn = (bodies: unknown[]) =>
  bodies.reduce<number>((sum, body) => sum + (decodeClickBatch(body)?.clicks.length ?? 0), 0);

describe("the click pipeline: the isolate sends batches to the queue, the consumer writes D1", () => {
  it("sends a burst of clicks as few messages, and writes nothing to D1 itself", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    const spy = spyD1(env.DB);
    await burst(link.id, 1, { DB: spy.db, CLICK_QUEUE: queue.binding }); // warms link and salt
    queue.take();
    spy.statements.length = 0;
    const responses = await burst(link.id, 60, { DB: spy.db, CLICK_QUEUE: queue.binding });
    expect(responses.every((r) => r.status === 302)).toBe(true);
    expect(spy.statements).toEqual([]);
    expect(queue.bodies.length).toBeLessThanOrEqual(3);
    expect(clicksIn(queue.bodies)).toBe(60);
    // The IP is hashed before the click leaves the isolate: no raw IP on the queue.
    expect(JSON.stringify(queue.bodies)).not.toContain("192.0.2.1");
  });

  it("writes a message batch in one D1 round trip, one row per click plus a counter and a receipt", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    await burst(link.id, 60, { CLICK_QUEUE: queue.binding });
    const spy = spyD1(env.DB);
    const result = await consumeWith(spy.db, queue.take());
    expect(result.retryMessages).toEqual([]);
    expect(spy.calls()).toBe(1);
    const writes = spy.statements.filter(isWrite);
    const rows = (match: RegExp) =>
      writes.filter((w) => match.test(w.sql)).reduce((sum, w) => sum + (w.rowsWritten ?? 0), 0);
    expect(rows(/INTO clicks/)).toBe(60);
    expect(rows(/INTO daily_link_counts/)).toBeLessThanOrEqual(2);
    expect(rows(/INTO click_batches/)).toBeLessThanOrEqual(2);
    expect(
      await rowCount("SELECT clicks AS n FROM daily_link_counts WHERE link_id = ?1", link.id),
    ).toBe(60);
  });

  it("writes a lone click in 2 rows: its row is its own receipt", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    await burst(link.id, 1, { CLICK_QUEUE: queue.binding });
    const spy = spyD1(env.DB);
    await consumeWith(spy.db, queue.take());
    const written = spy.statements.filter(isWrite).reduce((s, w) => s + (w.rowsWritten ?? 0), 0);
    expect(written).toBe(2);
  });

  it("adds up bot hits into one message and one counter row", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    await burst(link.id, 40, { CLICK_QUEUE: queue.binding }, "Googlebot/2.1");
    expect(queue.bodies.length).toBeLessThanOrEqual(2);
    const result = await deliver(CLICK_QUEUE_NAME, asPending(queue.take()));
    expect(result.retryMessages).toEqual([]);
    expect(
      await rowCount("SELECT bot_hits AS n FROM daily_link_counts WHERE link_id = ?1", link.id),
    ).toBe(40);
  });

  it("keeps one write per click in direct mode, and batched D1 writes without the queue", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    await burst(link.id, 10, { DB: spy.db, CLICK_WRITE_MODE: "direct", ...oneDatabase });
    const inserts = spy.statements.filter((w) => isWrite(w) && /INTO clicks/.test(w.sql));
    expect(inserts).toHaveLength(10);
    expect(inserts.every((w) => w.rowsWritten === 1)).toBe(true);
    spy.statements.length = 0;
    await burst(link.id, 30, { DB: spy.db, CLICK_WRITE_MODE: "batched", ...oneDatabase });
    const batched = spy.statements.filter((w) => isWrite(w) && /INTO clicks/.test(w.sql));
    expect(batched.length).toBeLessThanOrEqual(2);
    expect(
      await rowCount("SELECT clicks AS n FROM daily_link_counts WHERE link_id = ?1", link.id),
    ).toBe(40);
  });

  it("splits clicks whose escaped sub-IDs and user agents are huge into messages under 128 KB", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    // Each click: five sub-IDs of 255 control characters (6 bytes each once JSON-escaped) and a
    // 512-character user agent of quotes: ~9 kB of JSON, 250 of them ~2.3 MB.
    const sub = encodeURIComponent("\u0001".repeat(255));
    await burst(
      link.id,
      250,
      { CLICK_QUEUE: queue.binding },
      `Mozilla/5.0 ${'"'.repeat(500)}`,
      (i) => `sub1=${sub}&sub2=${sub}&sub3=${sub}&sub4=${sub}&sub5=${sub}&i=${i}`,
    );
    const sizes = queue.bodies.map((b) => new TextEncoder().encode(JSON.stringify(b)).length);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThan(128 * 1024);
    const spy = spyD1(env.DB);
    await consumeWith(spy.db, queue.take());
    const inserts = spy.statements.filter((s) => /INTO clicks/.test(s.sql));
    expect(Math.max(...inserts.map((s) => s.largestParameter))).toBeLessThan(2_000_000);
    expect(await rowCount("SELECT count(*) AS n FROM clicks WHERE link_id = ?1", link.id)).toBe(
      250,
    );
  });
});
