import { consumeClickBatches } from "./click-batches";
import { keepDeadLetters } from "./dead-letters";

/**
 * Which consumer a message batch goes to, by its queue's name: the dead-letter queue ends in
 * "-dlq" (wrangler.toml says so; keep the suffix if you rename the queues), the click queue is
 * the other one.
 */
export function consume(batch: MessageBatch, env: Env): Promise<void> {
  if (batch.queue.endsWith("-dlq")) return keepDeadLetters(batch, env);
  return consumeClickBatches(batch, env);
}
