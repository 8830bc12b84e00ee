import type { ClickBatch } from "../domain/click-batch";
import { type ClickBatchPart, clickBatchMessages } from "../domain/click-message";
import { messageBytes, sendBatchGroups } from "../domain/queue-limits";
import { logEvent, reasonOf } from "../platform/log";
import { type RetryPolicy, withRetries } from "../platform/timers";
import { writeClicksWithRetries } from "./writer";

/** 50 ms, then 200 ms: a queue that does not answer by then is unreachable for this batch. */
const SEND_RETRIES: RetryPolicy = { attempts: 3, baseDelayMs: 50 };

/**
 * The producer side of the click pipeline, in the order of its defences: the batch goes to the
 * click queue (split into messages of at most 120 KB); if the queue cannot be reached after
 * retries, it is written to D1 directly; if that fails too, every click is logged for replay.
 * Sending a part twice is harmless: the consumer writes each batch exactly once; still, a retry
 * sends only the parts the queue has not yet taken.
 */
export async function sendClickBatch(env: Env, batch: ClickBatch): Promise<void> {
  const parts = clickBatchMessages(batch);
  const unsent = [...parts];
  try {
    await withRetries(() => sendParts(env.CLICK_QUEUE, unsent), SEND_RETRIES);
    // The queue has the batch: from here a crash of the isolate cannot lose it. One line per
    // batch (not per click), which the crash test (scripts/crash-test.ts) compares with D1.
    if (batch.clicks.length) {
      logEvent("click_batch_queued", {
        batch: batch.id,
        clicks: batch.clicks.length,
        first: batch.clicks[0]?.id,
        last: batch.clicks.at(-1)?.id,
      });
    }
  } catch (error) {
    logEvent(
      "click_queue_unreachable",
      { batch: batch.id, clicks: batch.clicks.length, reason: reasonOf(error) },
      "error",
    );
    await writeClicksWithRetries(
      env,
      parts.map((part) => part.batch),
    );
  }
}

/** Sends `unsent`, removing each group from it once the queue has taken it. */
async function sendParts(queue: Queue, unsent: ClickBatchPart[]): Promise<void> {
  if (unsent.length === 1) {
    await queue.send((unsent[0] as ClickBatchPart).body, { contentType: "json" });
    unsent.length = 0;
    return;
  }
  // Sized in UTF-8 bytes, as Queues counts them: a sub-ID of 4-byte characters is twice its length.
  for (const group of sendBatchGroups([...unsent], (part) => messageBytes(part.body))) {
    await queue.sendBatch(group.map(({ body }) => ({ body, contentType: "json" as const })));
    unsent.splice(0, group.length);
  }
}
