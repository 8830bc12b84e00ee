import { messageBytes, sendBatchGroups } from "../domain/queue-limits";
import { logEvent, reasonOf } from "../platform/log";
import { RECEIPT_DAYS } from "../storage/click-batches";
import { deadLetters } from "./dead-letter-store";

const DAY_MS = 86_400_000;
/** Letters read per call (each up to 128 KB); they go back in as many sends as the limits need. */
const LETTERS_PER_CALL = 100;
/** Sends per call: about 2.4 MB back on the queue; the caller calls again while some are left. */
const MAX_SENDS_PER_CALL = 10;

/**
 * How long after its dead-lettering a letter still counts once when replayed: the receipts of its
 * batch's earlier writes (a copy sent twice, a replay whose letter stayed) are kept RECEIPT_DAYS,
 * and such a write may precede the letter by a message's life on the click queue (14 days at
 * most) and the dead-letter queue (its retries, under a day).
 */
export const REPLAY_SAFE_DAYS = RECEIPT_DAYS - 15;

export interface ReplayOutcome {
  replayed: number;
  remaining: number;
  /** Letters older than REPLAY_SAFE_DAYS, left in the store unless `includeOld`. */
  heldBack: number;
}

/**
 * Moves dead letters, oldest first, back to the click queue in sends under the Queues limits
 * (100 messages, 256 KB), and forgets only those a send took. A send that fails stops the call:
 * what went before it is forgotten, the rest stays; with nothing sent, the failure is thrown.
 */
export async function replayDeadLetters(
  env: Env,
  options: { includeOld: boolean; now: number },
): Promise<ReplayOutcome> {
  const store = deadLetters(env);
  const since = options.includeOld ? 0 : options.now - REPLAY_SAFE_DAYS * DAY_MS;
  const letters = (await store.peek(LETTERS_PER_CALL, since)).map((letter) => ({
    id: letter.id,
    body: JSON.parse(letter.body) as unknown,
  }));
  const groups = sendBatchGroups(letters, (letter) => messageBytes(letter.body));
  const sent: string[] = [];
  for (const group of groups.slice(0, MAX_SENDS_PER_CALL)) {
    try {
      await env.CLICK_QUEUE.sendBatch(
        group.map((letter) => ({ body: letter.body, contentType: "json" as const })),
      );
    } catch (error) {
      if (!sent.length) throw error;
      logEvent(
        "dead_letter_replay_stopped",
        { replayed: sent.length, reason: reasonOf(error) },
        "error",
      );
      break;
    }
    sent.push(...group.map((letter) => letter.id));
  }
  // Sent but not forgotten (this call fails): replayed again later, still counted once.
  const remaining = await store.forget(sent);
  const heldBack = options.includeOld ? 0 : await store.countDeadBefore(since);
  return { replayed: sent.length, remaining, heldBack };
}
