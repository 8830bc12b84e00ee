import { logEvent, reasonOf, withLogContext } from "../platform/log";
import { attemptDelivery } from "./attempt";
import type { DeliveryMessage } from "./events";
import { fanOut } from "./fan-out";

/** When the database itself fails: try the message again after this long. */
const STORAGE_RETRY_SECONDS = 30;

/**
 * The delivery queue's consumer. The batch's events are fanned out together (one transaction for
 * all their deliveries); an attempt message is one try of one delivery, retried on the schedule
 * the attempt returns (the message's own redelivery is the timer, so the schedule survives
 * restarts). A storage failure retries the message; each outbound request is bounded by 10 s.
 */
export async function consumeDeliveries(batch: MessageBatch, env: Env): Promise<void> {
  const events: Message[] = [];
  const attempts: Message[] = [];
  for (const message of batch.messages) {
    const kind = (message.body as DeliveryMessage | null)?.kind;
    if (kind === "event") events.push(message);
    else if (kind === "attempt") attempts.push(message);
    else {
      logEvent("delivery_message_malformed", { id: message.id, body: message.body }, "error");
      message.ack();
    }
  }
  await Promise.all([
    fanOutEvents(env, events),
    ...attempts.map((message) =>
      withLogContext({ message_id: message.id }, () => attemptOne(env, message)),
    ),
  ]);
}

async function fanOutEvents(env: Env, messages: Message[]) {
  if (!messages.length) return;
  const message_ids = messages.map((message) => message.id);
  return withLogContext({ message_ids }, () => fanOutMessages(env, messages));
}

async function fanOutMessages(env: Env, messages: Message[]) {
  try {
    await fanOut(
      env,
      messages.map((m) => (m.body as Extract<DeliveryMessage, { kind: "event" }>).event),
    );
    for (const message of messages) message.ack();
  } catch (error) {
    storageFailed(messages, error);
  }
}

async function attemptOne(env: Env, message: Message) {
  const body = message.body as Extract<DeliveryMessage, { kind: "attempt" }>;
  try {
    const again = await attemptDelivery(env, body.eventId, body.endpointId);
    if (again === null) message.ack();
    else message.retry({ delaySeconds: again });
  } catch (error) {
    storageFailed([message], error);
  }
}

function storageFailed(messages: Message[], error: unknown) {
  for (const message of messages) {
    logEvent("delivery_retry", { id: message.id, reason: reasonOf(error) }, "error");
    message.retry({ delaySeconds: STORAGE_RETRY_SECONDS });
  }
}
