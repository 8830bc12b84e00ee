import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sendClickBatch } from "../../src/click/producer";
import type { ClickBatch } from "../../src/domain/click-batch";
import { decodeClickBatch } from "../../src/domain/click-message";
import { newId } from "../../src/domain/ids";
import { storedClick } from "../support/fixtures";
import { setupLink } from "../support/helpers";
import { capturedLines } from "../support/log-capture";
import { recordingQueue } from "../support/queue";

/** `count` clicks whose five sub-IDs are 255 emoji each: 510 UTF-16 units, but 1,020 bytes. */
async function emojiBatch(count: number): Promise<ClickBatch> {
  const { link } = await setupLink();
  const sub = "😀".repeat(255);
  return {
    id: newId(),
    hits: [],
    clicks: Array.from({ length: count }, () =>
      storedClick(link, { subIds: [sub, sub, sub, sub, sub] }),
    ),
  };
}

const clickIdsIn = (bodies: unknown[]) =>
  bodies.flatMap((body) => decodeClickBatch(body)?.clicks ?? []).map((c) => c.id);

describe("click batches on the queue are measured in bytes", () => {
  it("sends sub-IDs full of 4-byte characters in sends Queues takes", async () => {
    const batch = await emojiBatch(400); // ~2 MB
    const queue = recordingQueue();
    await sendClickBatch({ ...env, CLICK_QUEUE: queue.binding }, batch);
    expect(queue.refused).toEqual([]);
    expect(capturedLines().some((line) => line.includes("click_queue_unreachable"))).toBe(false);
    expect(clickIdsIn(queue.bodies)).toEqual(batch.clicks.map((c) => c.id));
  });

  it("retries only the parts the queue has not taken when a send fails midway", async () => {
    const batch = await emojiBatch(400);
    const queue = recordingQueue();
    let sends = 0;
    const flaky = {
      send: queue.binding.send.bind(queue.binding),
      sendBatch: (messages: MessageSendRequest[]) => {
        if (++sends === 2) return Promise.reject(new Error("Queue send failed: injected"));
        return queue.binding.sendBatch(messages);
      },
    } as unknown as Queue;
    await sendClickBatch({ ...env, CLICK_QUEUE: flaky }, batch);
    // Each click on the queue once: the first group is not sent again.
    expect(clickIdsIn(queue.bodies)).toEqual(batch.clicks.map((c) => c.id));
  });
});
