import { logEvent, reasonOf } from "../platform/log";
import { deadLetters } from "./dead-letter-store";

/**
 * The dead-letter queue's consumer: click batches the click queue gave up on are kept in the
 * DeadLetters object until an operator replays them. If even that fails, the queue retries; the
 * last attempt logs every batch whole, so nothing goes without a trace.
 */
export async function keepDeadLetters(batch: MessageBatch, env: Env): Promise<void> {
  const now = Date.now();
  try {
    const held = await deadLetters(env).keep(
      batch.messages.map((m) => ({ id: m.id, body: JSON.stringify(m.body), deadAt: now })),
    );
    batch.ackAll();
    logEvent("click_batches_dead_lettered", { messages: batch.messages.length, held }, "error");
  } catch (error) {
    const reason = reasonOf(error);
    for (const message of batch.messages) {
      if (message.attempts >= LAST_ATTEMPT) {
        logEvent("dead_letter_lost", { id: message.id, body: message.body, reason }, "error");
        message.ack();
      } else message.retry({ delaySeconds: 30 });
    }
  }
}

/** The dead-letter consumer's max_retries (wrangler.toml) plus the first delivery. */
const LAST_ATTEMPT = 101;
