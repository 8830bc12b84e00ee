import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { clickRetryDelaySeconds } from "../../src/domain/backoff";
import { decodeClickBatch } from "../../src/domain/click-message";
import { clickDb } from "../../src/storage/shards";
import { burst } from "../support/bursts";
import {
  CLICK_DATABASES,
  clickCount,
  clickRow,
  counterSum,
  waitForClicks,
} from "../support/click-rows";
import { spyD1 } from "../support/d1-spy";
import { failInserts } from "../support/faults";
import { aecidOf, api, postback, setupClick, setupLink } from "../support/helpers";
import { capturedLines } from "../support/log-capture";
import {
  asPending,
  CLICK_QUEUE_NAME,
  DEAD_LETTER_QUEUE_NAME,
  deliver,
  drain,
  recordingQueue,
} from "../support/queue";

const counted = (linkId: string) => counterSum("clicks", "link_id = ?1", linkId);
const stored = (linkId: string) => clickCount("link_id = ?1", linkId);

describe("no click lost through a D1 outage", () => {
  it("keeps 5,000 clicks through 60 s of D1 outage (simulated time), then writes all, counted once", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    // Every click database is down.
    const heal = await failInserts("clicks", undefined, CLICK_DATABASES());
    let healed = false;
    for (let round = 0; round < 10; round++) {
      const responses = await burst(link.id, 500, { CLICK_QUEUE: queue.binding });
      expect(responses.every((r) => r.status === 302 && aecidOf(r))).toBe(true);
    }
    const messages = asPending(queue.take());
    const sent = messages.reduce((n, m) => n + (decodeClickBatch(m.body)?.clicks.length ?? 0), 0);
    expect(sent).toBe(5_000);
    const { finishedAt, delays } = await drain(messages, async (seconds) => {
      if (seconds >= 60 && !healed) {
        await heal();
        healed = true;
      }
    });
    // Tried at 0, 5, 15, 35 s (D1 down), then at 75 s: written.
    expect([...new Set(delays)]).toEqual([5, 10, 20, 40]);
    expect(finishedAt).toBe(75);
    expect(await stored(link.id)).toBe(5_000);
    expect(await counted(link.id)).toBe(5_000);
  });

  it("writes nothing twice when the consumer fails mid-batch and the batch comes again", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    for (let i = 0; i < 3; i++) await burst(link.id, 20, { CLICK_QUEUE: queue.binding });
    const messages = asPending(queue.take());
    expect(messages.length).toBeGreaterThanOrEqual(3);
    // The third message's first click cannot be written: its shard's transaction rolls back
    // (the other shards commit theirs), and every message is retried.
    const poisoned = decodeClickBatch(messages[2]?.body)?.clicks[0]?.id as string;
    const shard = clickDb(env, poisoned);
    await shard
      .prepare(
        `CREATE TRIGGER fail_one BEFORE INSERT ON clicks WHEN NEW.id = unhex('${poisoned}')
         BEGIN SELECT RAISE(ABORT, 'D1_ERROR: injected mid-batch fault'); END`,
      )
      .run();
    const first = await deliver(CLICK_QUEUE_NAME, messages);
    expect(first.retryMessages.map((r) => r.msgId).sort()).toEqual(
      messages.map((m) => m.id).sort(),
    );
    expect(await clickRow(poisoned)).toBeNull();
    expect(await stored(link.id)).toBeLessThan(60);
    await shard.prepare("DROP TRIGGER fail_one").run();
    const again = await deliver(
      CLICK_QUEUE_NAME,
      messages.map((m) => ({ ...m, attempts: 2 })),
    );
    expect(again.retryMessages).toEqual([]);
    // And a third delivery of the same messages (a redelivery after a lost acknowledgement).
    await deliver(
      CLICK_QUEUE_NAME,
      messages.map((m) => ({ ...m, attempts: 3 })),
    );
    expect(await stored(link.id)).toBe(60);
    expect(await counted(link.id)).toBe(60);
  });

  it("falls back to writing D1 directly when the queue cannot be reached", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    queue.fail();
    const responses = await burst(link.id, 30, { CLICK_QUEUE: queue.binding });
    expect(responses.every((r) => r.status === 302)).toBe(true);
    expect(queue.sends.length).toBeGreaterThanOrEqual(3);
    expect(await stored(link.id)).toBe(30);
    expect(await counted(link.id)).toBe(30);
    expect(capturedLines().some((line) => line.includes("click_queue_unreachable"))).toBe(true);
  });

  it("logs every click for replay when neither the queue nor D1 can take it", async () => {
    const { link } = await setupLink();
    await burst(link.id, 1); // warm the link cache
    const queue = recordingQueue();
    queue.fail();
    const spy = spyD1(env.DB);
    spy.failWhen(/INSERT INTO/);
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const pending = burst(link.id, 3, {
        CLICK_QUEUE: queue.binding,
        DB: spy.db,
        CLICK_SHARDS: "DB",
      });
      await vi.runAllTimersAsync();
      const responses = await pending;
      for (const aecid of responses.map(aecidOf)) {
        expect(
          capturedLines().some(
            (l) => l.includes("click_write_failed") && l.includes(aecid as string),
          ),
        ).toBe(true);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a postback whose click is still on its way", () => {
  it("answers 503 pending, then 201 once the click is written", async () => {
    const { link, program } = await setupClick();
    const queue = recordingQueue();
    const [response] = await burst(link.id, 1, { CLICK_QUEUE: queue.binding });
    const aecid = aecidOf(response as Response) as string;
    const fields = {
      key: program.conversion_key,
      id: "pend-1",
      amount: "10",
      currency: "EUR",
      cids: aecid,
    };
    const early = await postback(fields);
    expect(early.status).toBe(503);
    expect(early.body.error).toMatchObject({
      code: "temporarily_unavailable",
      cids: { [aecid]: "pending" },
    });
    expect(Number(early.headers.get("Retry-After"))).toBeGreaterThan(0);
    await deliver(CLICK_QUEUE_NAME, asPending(queue.take()));
    const later = await postback(fields);
    expect(later.status).toBe(201);
    expect(later.body.click_id).toBe(aecid);
  });
});

describe("dead-lettered click batches", () => {
  it("are kept apart from D1, listed, and replayed onto the queue with one call", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    await burst(link.id, 7, { CLICK_QUEUE: queue.binding });
    const result = await deliver(DEAD_LETTER_QUEUE_NAME, asPending(queue.take(), "dead"));
    expect(result.retryMessages).toEqual([]);
    const listed = await api("GET", "/dead-letters");
    expect(listed.body.count).toBeGreaterThanOrEqual(1);
    expect(listed.body.data.reduce((n: number, l: { clicks: number }) => n + l.clicks, 0)).toBe(7);
    expect(await stored(link.id)).toBe(0);
    const replay = await api("POST", "/dead-letters/replay");
    expect(replay.body).toMatchObject({ remaining: 0 });
    expect(replay.body.replayed).toBeGreaterThanOrEqual(1);
    expect(await waitForClicks("link_id = ?1", [link.id], 7)).toBe(7);
    expect(await counted(link.id)).toBe(7);
  });

  it("follow the consumer's backoff: 5, 10, 20, 40 s, then every 60 s", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(clickRetryDelaySeconds)).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });
});
