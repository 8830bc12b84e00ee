import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { deadLetters } from "../../src/click/dead-letter-store";
import type { ClickBatch } from "../../src/domain/click-batch";
import { encodeClickBatch } from "../../src/domain/click-message";
import type { Click } from "../../src/domain/entities";
import { newId } from "../../src/domain/ids";
import worker from "../../src/index";
import { clickCount, counterSum } from "../support/click-rows";
import { storedClick } from "../support/fixtures";
import { ADMIN_TOKEN, type Json, ORIGIN, setupLink } from "../support/helpers";
import {
  asPending,
  CLICK_QUEUE_NAME,
  DEAD_LETTER_QUEUE_NAME,
  deliver,
  recordingQueue,
} from "../support/queue";

type Link = { id: string; program_id: string; partner_id: string };
const DAY = 86_400_000;

/** A click batch of about `bytes` of JSON: clicks with long sub-IDs. */
function batchOf(link: Link, bytes: number): ClickBatch {
  const clicks: Click[] = [];
  const sub = "x".repeat(240);
  const batch: ClickBatch = { id: newId(), clicks, hits: [] };
  while (JSON.stringify(encodeClickBatch(batch)).length < bytes) {
    clicks.push(storedClick(link, { subIds: [sub, sub, sub, sub, sub] }));
  }
  return batch;
}

/** Dead-letters `count` batches of about 60 KB through the dead-letter queue's consumer. */
async function deadLetter(link: Link, count: number) {
  const batches = Array.from({ length: count }, () => batchOf(link, 60_000));
  const bodies = batches.map(encodeClickBatch);
  const result = await deliver(DEAD_LETTER_QUEUE_NAME, asPending(bodies, `dead-${newId()}`));
  expect(result.retryMessages).toEqual([]);
  return batches.reduce((n, b) => n + b.clicks.length, 0);
}

/** POST /api/dead-letters/replay with the click queue swapped for `queue`. */
async function replay(queue: Queue, query = "") {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}/api/dead-letters/replay${query}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    }),
    { ...env, CLICK_QUEUE: queue },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: (await response.json()) as Json };
}

/** Calls replay as `npm run dead-letters:replay` does: again while some are left. */
async function replayAll(queue: Queue) {
  const answers: Json[] = [];
  for (let call = 0; call < 20; call++) {
    const answer = await replay(queue);
    expect(answer.status).toBe(200);
    answers.push(answer.body);
    if (answer.body.remaining === 0 || answer.body.replayed === 0) break;
  }
  return answers;
}

const stored = (link: Link) => clickCount("link_id = ?1", link.id);
const counted = (link: Link) => counterSum("clicks", "link_id = ?1", link.id);

describe("dead-letter replay, however many letters are held", () => {
  beforeEach(async () => {
    // One object holds every letter: each test starts with none.
    const store = deadLetters(env);
    await store.forget((await store.peek(1_000)).map((letter) => letter.id));
  });

  it("drains 10 letters of about 60 KB in sends under the Queues limits", async () => {
    const { link } = await setupLink();
    const clicks = await deadLetter(link, 10);
    const queue = recordingQueue();
    const answers = await replayAll(queue.binding);
    expect(queue.refused).toEqual([]);
    expect(answers.at(-1)).toMatchObject({ remaining: 0 });
    expect(answers.reduce((n, a) => n + a.replayed, 0)).toBe(10);
    expect(await deadLetters(env).count()).toBe(0);
    const result = await deliver(CLICK_QUEUE_NAME, asPending(queue.take(), "replayed"));
    expect(result.retryMessages).toEqual([]);
    expect(await stored(link)).toBe(clicks);
    expect(await counted(link)).toBe(clicks);
  });

  it("forgets only the letters that went back: a failed send keeps the rest", async () => {
    const { link } = await setupLink();
    await deadLetter(link, 10);
    const queue = recordingQueue();
    let sends = 0;
    const flaky = {
      send: queue.binding.send.bind(queue.binding),
      sendBatch: (messages: MessageSendRequest[]) => {
        if (++sends > 1) return Promise.reject(new Error("Queue send failed: injected"));
        return queue.binding.sendBatch(messages);
      },
    } as unknown as Queue;
    const first = await replay(flaky);
    expect(first.status).toBe(200);
    expect(first.body.replayed).toBe(queue.bodies.length);
    expect(first.body.replayed).toBeGreaterThan(0);
    expect(first.body.remaining).toBe(10 - first.body.replayed);
    await replayAll(queue.binding);
    expect(await deadLetters(env).count()).toBe(0);
    const ids = new Set(queue.bodies.map((b) => (b as { id: string }).id));
    expect(ids.size).toBe(10);
  });

  it("answers 503, forgetting nothing, when no send goes through", async () => {
    const { link } = await setupLink();
    await deadLetter(link, 2);
    const queue = recordingQueue();
    queue.fail();
    const answer = await replay(queue.binding);
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe("temporarily_unavailable");
    expect(await deadLetters(env).count()).toBe(2);
  });

  it("holds back letters dead longer than their receipts can vouch for, unless asked", async () => {
    const { link } = await setupLink();
    const old = batchOf(link, 1_000);
    await deadLetters(env).keep([
      {
        id: "old-letter",
        body: JSON.stringify(encodeClickBatch(old)),
        deadAt: Date.now() - 20 * DAY,
      },
    ]);
    await deadLetter(link, 1);
    const queue = recordingQueue();
    const first = await replay(queue.binding);
    expect(first.body).toMatchObject({ replayed: 1, remaining: 1, held_back: 1 });
    expect(first.body.message).toMatch(/counted twice/);
    expect(queue.bodies.map((b) => (b as { id: string }).id)).not.toContain(old.id);
    const again = await replay(queue.binding);
    expect(again.body).toMatchObject({ replayed: 0, remaining: 1, held_back: 1 });
    const wrong = await replay(queue.binding, "?include_old=yes");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("invalid_request");
    const forced = await replay(queue.binding, "?include_old=true");
    expect(forced.body).toMatchObject({ replayed: 1, remaining: 0, held_back: 0 });
    expect(queue.bodies.map((b) => (b as { id: string }).id)).toContain(old.id);
  });
});
