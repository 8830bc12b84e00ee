import { clickRetryDelaySeconds } from "../domain/backoff";
import type { ClickBatch } from "../domain/click-batch";
import { decodeClickBatch } from "../domain/click-message";
import { logEvent, reasonOf, withLogContext } from "../platform/log";
import { writeClicks } from "./writer";

/** One D1 transaction takes at most about this much click JSON; more messages make more. */
const MAX_TRANSACTION_CLICKS = 2_000;

type Decoded = { message: Message; batch: ClickBatch };

/**
 * The click queue's consumer: every message is a batch of clicks (and counter increments). The
 * whole message batch is written in one D1 transaction per shard (more only past
 * MAX_TRANSACTION_CLICKS; the shards side by side),
 * exactly once however often a message is delivered. On failure every message of the
 * transaction is retried with a growing delay; past the consumer's max_retries the queue moves
 * it to the dead-letter queue. The statement rate is bounded by the consumer's max_concurrency.
 */
export async function consumeClickBatches(batch: MessageBatch, env: Env): Promise<void> {
  const decoded: Decoded[] = [];
  for (const message of batch.messages) {
    const clicks = decodeClickBatch(message.body);
    if (clicks) decoded.push({ message, batch: clicks });
    else {
      // It can never be written: kept in the log, whole, rather than retried forever.
      logEvent("click_message_malformed", { id: message.id, body: message.body }, "error");
      message.ack();
    }
  }
  for (const group of transactions(decoded)) {
    // The transaction's lines name its own messages, not the whole message batch's.
    const message_ids = group.map((d) => d.message.id);
    try {
      await withLogContext({ message_ids }, () =>
        writeClicks(
          env,
          group.map((d) => d.batch),
        ),
      );
      for (const { message } of group) message.ack();
    } catch (error) {
      for (const { message } of group) {
        message.retry({ delaySeconds: clickRetryDelaySeconds(message.attempts) });
      }
      logEvent(
        "click_batch_retry",
        {
          message_ids,
          messages: group.length,
          attempts: Math.max(...group.map((d) => d.message.attempts)),
          reason: reasonOf(error),
        },
        "error",
      );
    }
  }
}

function transactions(decoded: Decoded[]): Decoded[][] {
  const groups: Decoded[][] = [];
  let current: Decoded[] = [];
  let clicks = 0;
  for (const item of decoded) {
    if (current.length && clicks + item.batch.clicks.length > MAX_TRANSACTION_CLICKS) {
      groups.push(current);
      current = [];
      clicks = 0;
    }
    current.push(item);
    clicks += item.batch.clicks.length;
  }
  if (current.length) groups.push(current);
  return groups;
}
