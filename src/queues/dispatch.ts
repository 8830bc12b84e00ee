import { consumeClickBatches } from "../click/consumer";
import { keepDeadLetters } from "../click/dead-letter-consumer";
import { consumeDeliveries } from "../delivery/consumer";
import { withLogContext } from "../platform/log";

/**
 * Which consumer a message batch goes to, by its queue's name (wrangler.toml; keep the suffixes
 * if you rename the queues): the click queue's dead letters end in "-dlq", the delivery queue in
 * "-deliveries", the click queue is the other one.
 */
export function consume(batch: MessageBatch, env: Env): Promise<void> {
  // A queue has no request: each log line of the batch's work names its messages instead.
  const message_ids = batch.messages.map((message) => message.id);
  return withLogContext({ message_ids }, () => route(batch, env));
}

function route(batch: MessageBatch, env: Env): Promise<void> {
  if (batch.queue.endsWith("-dlq")) return keepDeadLetters(batch, env);
  if (batch.queue.endsWith("-deliveries")) return consumeDeliveries(batch, env);
  return consumeClickBatches(batch, env);
}
