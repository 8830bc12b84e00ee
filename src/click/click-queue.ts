import {
  type ClickBatch,
  type ClickBatchPart,
  clickBatchMessages,
  MAX_MESSAGE_BYTES,
} from "../domain/click-batch";
import { logEvent, reasonOf } from "../platform/log";
import { type RetryPolicy, withRetries } from "../platform/timers";
import { writeClickBatches } from "./click-writes";

/** 50 ms, then 200 ms: a queue that does not answer by then is unreachable for this batch. */
const SEND_RETRIES: RetryPolicy = { attempts: 3, baseDelayMs: 50 };
/** `sendBatch` takes 100 messages and 256 KB at most. */
const MAX_SEND_BATCH_BYTES = 2 * MAX_MESSAGE_BYTES;

/**
 * The producer side of the click pipeline, in the order of its defences: the batch goes to the
 * click queue (split into messages of at most 120 KB); if the queue cannot be reached after
 * retries, it is written to D1 directly; if that fails too, every click is logged for replay.
 * Sending a part twice is harmless: the consumer writes each batch exactly once.
 */
export async function sendClickBatch(env: Env, batch: ClickBatch): Promise<void> {
  const parts = clickBatchMessages(batch);
  try {
    await withRetries(() => sendParts(env.CLICK_QUEUE, parts), SEND_RETRIES);
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
    await writeClickBatches(
      env,
      parts.map((part) => part.batch),
    );
  }
}

async function sendParts(queue: Queue, parts: ClickBatchPart[]): Promise<void> {
  if (parts.length === 1) {
    await queue.send((parts[0] as ClickBatchPart).body, { contentType: "json" });
    return;
  }
  let group: MessageSendRequest[] = [];
  let bytes = 0;
  for (const { body } of parts) {
    const size = JSON.stringify(body).length;
    if (group.length && (bytes + size > MAX_SEND_BATCH_BYTES || group.length === 100)) {
      await queue.sendBatch(group);
      group = [];
      bytes = 0;
    }
    group.push({ body, contentType: "json" });
    bytes += size;
  }
  await queue.sendBatch(group);
}
