import { config } from "../config";
import { type ClickBatch, countDeltas } from "../domain/click-batch";
import { type LinkCounter, type UnsavedClick, utcDay } from "../domain/entities";
import { newId } from "../domain/ids";
import { logEvent } from "../platform/log";
import { sleep, withTimeout } from "../platform/timers";
import { sendClickBatch } from "./click-queue";
import {
  hashClicks,
  logLostClicks,
  type PendingClick,
  withoutHashes,
  writeClickBatches,
} from "./click-writes";

/**
 * The isolate's side of the click pipeline. Clicks and counter increments wait in the isolate for
 * a few milliseconds and leave together, as one batch: one queue message (CLICK_WRITE_MODE =
 * "queue", the default) or one D1 transaction ("batched").
 *
 * No request waits on another's promise: the first request to find no active writer becomes the
 * "leader", and its `waitUntil` keeps the isolate alive while it sends what is held. A leader
 * hands over to a newer request after LEADERSHIP_MS, and stops at LEADER_DEADLINE_MS whatever
 * happens, well before the runtime cuts a `waitUntil` (30 s): a batch still in flight then is
 * logged for replay, never dropped in silence. The isolate holds at most MAX_HELD_CLICKS clicks;
 * past that, each click is sent by its own request.
 */
type Wait = Pick<ExecutionContext, "waitUntil">;
type Hit = { linkId: string; at: string; counter: LinkCounter };

const held: PendingClick[] = [];
const hits: Hit[] = [];
let leader: { since: number } | null = null;
let overflowLoggedAt = 0;

export const LEADERSHIP_MS = 2_000;
export const LEADER_DEADLINE_MS = 25_000;
export const MAX_HELD_CLICKS = 5_000;
// About 250 bytes per click as sent: 200 clicks stay within one 64 KB unit, which is what Queues
// bills per write, read and delete; a busier isolate sends as soon as it holds that many.
const MAX_CLICKS_PER_BATCH = 200;

export function batchClick(env: Env, ctx: Wait, click: UnsavedClick, ip: string | null) {
  if (held.length >= MAX_HELD_CLICKS) {
    const now = Date.now();
    if (now - overflowLoggedAt > 1_000) {
      overflowLoggedAt = now;
      logEvent("click_hold_full", { held: held.length, sent: "by its own request" }, "error");
    }
    ctx.waitUntil(flush(env, [{ click, ip }], []));
    return;
  }
  held.push({ click, ip });
  schedule(env, ctx);
}

export function batchHit(
  env: Env,
  ctx: Wait,
  linkId: string,
  counter: Exclude<LinkCounter, "clicks">,
  at: number,
) {
  hits.push({ linkId, at: utcDay(at), counter });
  schedule(env, ctx);
}

/** How many clicks the isolate holds, for tests and logs. */
export const heldClicks = () => held.length;

function schedule(env: Env, ctx: Wait) {
  const now = Date.now();
  if (leader && now - leader.since < LEADERSHIP_MS) return;
  const me = { since: now };
  leader = me;
  ctx.waitUntil(lead(env, me));
}

async function lead(env: Env, me: { since: number }) {
  const deadline = me.since + LEADER_DEADLINE_MS;
  const waitMs = config(env).clickBatchWaitMs;
  do {
    if (waitMs > 0 && held.length < MAX_CLICKS_PER_BATCH) await sleep(waitMs);
    // A newer leader took over while this one slept: what is held is now its to send.
    if (leader !== me) return;
    const clicks = held.splice(0, MAX_CLICKS_PER_BATCH);
    const counted = hits.splice(0);
    await withTimeout(flush(env, clicks, counted), deadline - Date.now(), () =>
      logLostClicks([unhashed(clicks, counted)], "leader deadline: not confirmed", 1),
    );
  } while (leader === me && Date.now() < deadline && (held.length > 0 || hits.length > 0));
  if (leader !== me) return;
  leader = null;
  // Still held at the deadline: the next request's leader sends them; logged in case none comes.
  if (held.length || hits.length) {
    logLostClicks([unhashed(held, hits)], "held at the leader's deadline", 0);
  }
}

const unhashed = (clicks: PendingClick[], counted: Hit[]): ClickBatch => ({
  id: "held",
  clicks: clicks.map(({ click }) => withoutHashes(click)),
  hits: countDeltas(counted),
});

/** Sends (or writes) clicks and hits as one batch; a failure is handled and logged downstream. */
async function flush(env: Env, clicks: PendingClick[], counted: Hit[]): Promise<void> {
  if (!clicks.length && !counted.length) return;
  const batch: ClickBatch = {
    id: newId(),
    clicks: await hashClicks(env, clicks),
    hits: countDeltas(counted),
  };
  if (config(env).clickWriteMode === "batched") await writeClickBatches(env, [batch]);
  else await sendClickBatch(env, batch);
}
