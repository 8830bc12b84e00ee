// The click queue in tests: a stand-in producer that keeps what the Worker sends (so a test
// decides when, and how often, the consumer sees it), and delivery to the Worker's real queue()
// through the runtime, which reports each message's ack or retry with its delay.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";

export interface QueueResult {
  outcome: string;
  ackAll: boolean;
  retryBatch: { retry: boolean; delaySeconds?: number };
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

interface QueueDispatch {
  queue(
    name: string,
    messages: { id: string; timestamp: Date; body: unknown; attempts: number }[],
  ): Promise<QueueResult>;
}

export const CLICK_QUEUE_NAME = "aecid-edge-clicks";
export const DEAD_LETTER_QUEUE_NAME = "aecid-edge-clicks-dlq";

/**
 * Queues' limits as the runtime enforces them (1 KB is 1,000 bytes): a message's body, as UTF-8
 * JSON, plus about 100 bytes of metadata, 128 KB at most; a `sendBatch`, 100 messages and 256 KB.
 */
const MESSAGE_LIMIT = 128_000;
const BATCH_LIMIT = 256_000;
const BATCH_MESSAGES = 100;
const METADATA_BYTES = 100;
const encoder = new TextEncoder();
const sizeOf = (body: unknown) =>
  encoder.encode(JSON.stringify(body) ?? "").length + METADATA_BYTES;

/** What Queues would refuse in one send: null when it takes it. */
function overLimit(bodies: unknown[]): string | null {
  if (bodies.length > BATCH_MESSAGES) return `${bodies.length} messages in one batch`;
  const sizes = bodies.map(sizeOf);
  const largest = Math.max(...sizes);
  if (largest > MESSAGE_LIMIT) return `a message of ${largest} bytes`;
  const total = sizes.reduce((sum, n) => sum + n, 0);
  if (total > BATCH_LIMIT) return `a batch of ${total} bytes`;
  return null;
}

/**
 * A producer binding that records message bodies and refuses, as Queues does, a message or a
 * batch over the limits; `fail` or `hang` make it misbehave.
 */
export function recordingQueue() {
  const bodies: unknown[] = [];
  const sends: number[] = [];
  /** Every message sent, with its options (e.g. `delaySeconds`). */
  const sent: { body: unknown; delaySeconds?: number }[] = [];
  /** Why each send Queues would refuse was refused. */
  const refused: string[] = [];
  let mode: "ok" | "fail" | "hang" = "ok";
  const act = async (items: unknown[]) => {
    sends.push(items.length);
    if (mode === "hang") await new Promise(() => {});
    if (mode === "fail") throw new Error("Queue send failed: injected");
    const reason = overLimit(items);
    if (reason) {
      refused.push(reason);
      throw new Error(`Queue send failed: over the Queues limits (${reason})`);
    }
    bodies.push(...items);
  };
  const binding = {
    send: (body: unknown, options?: { delaySeconds?: number }) => {
      sent.push({ body, delaySeconds: options?.delaySeconds });
      return act([body]);
    },
    sendBatch: (messages: { body: unknown; delaySeconds?: number }[]) => {
      sent.push(...messages.map((m) => ({ body: m.body, delaySeconds: m.delaySeconds })));
      return act(messages.map((m) => m.body));
    },
  } as unknown as Queue;
  return {
    binding,
    bodies,
    /** Every send attempted, with its number of messages, whatever came of it. */
    sends,
    sent,
    refused,
    /** Takes the bodies recorded so far, leaving none. */
    take: () => bodies.splice(0),
    fail: () => {
      mode = "fail";
    },
    hang: () => {
      mode = "hang";
    },
    heal: () => {
      mode = "ok";
    },
  };
}

export interface Pending {
  id: string;
  body: unknown;
  attempts: number;
}

/** Hands messages to the Worker's queue() as the runtime would, and answers what it did. */
export function deliver(queue: string, messages: Pending[]): Promise<QueueResult> {
  const dispatch = exports.default as unknown as QueueDispatch;
  return dispatch.queue(
    queue,
    messages.map((m) => ({ id: m.id, timestamp: new Date(), body: m.body, attempts: m.attempts })),
  );
}

export const asPending = (bodies: unknown[], prefix = "m"): Pending[] =>
  bodies.map((body, i) => ({ id: `${prefix}-${i}`, body, attempts: 1 }));

/**
 * Plays the queue's part on a simulated clock: delivers what is due, reschedules each retried
 * message after the delay the consumer asked for, and jumps the clock to the next due time.
 */
export async function drain(messages: Pending[], onTick: (seconds: number) => Promise<void>) {
  let clock = 0;
  const due = new Map(messages.map((m) => [m.id, { message: m, at: 0 }]));
  const delays: number[] = [];
  while (due.size) {
    clock = Math.max(clock, Math.min(...[...due.values()].map((d) => d.at)));
    await onTick(clock);
    const now = [...due.values()].filter((d) => d.at <= clock).map((d) => d.message);
    const result = await deliver(CLICK_QUEUE_NAME, now);
    expect(result.outcome).toBe("ok");
    for (const message of now) {
      const retry = result.retryMessages.find((r) => r.msgId === message.id);
      if (!retry) due.delete(message.id);
      else {
        delays.push(retry.delaySeconds ?? 0);
        due.set(message.id, {
          message: { ...message, attempts: message.attempts + 1 },
          at: clock + (retry.delaySeconds ?? 0),
        });
      }
    }
  }
  return { finishedAt: clock, delays };
}
