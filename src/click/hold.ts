import { config } from "../config";
import { type ClickBatch, countDeltas } from "../domain/click-batch";
import { type LinkCounter, type UnsavedClick, utcDay } from "../domain/entities";
import type { HitVisit } from "../domain/hit-dims";
import { newId } from "../domain/ids";
import { sleep, withTimeout } from "../platform/timers";
import { hashClicks, type PendingClick, withoutHashes } from "./click-hashes";
import { sendClickBatch } from "./producer";
import { logLostClicks, writeClicksWithRetries } from "./writer";

/**
 * The isolate's side of the click pipeline. Clicks and counter increments wait in the isolate for
 * a few milliseconds and leave together, as one batch: one queue message (CLICK_WRITE_MODE =
 * "queue", the default) or one D1 transaction ("batched").
 *
 * What the isolate holds is what a crash of it loses (the redirect has answered; nothing is sent
 * yet), so the hold is bounded twice: no click waits longer than CLICK_BATCH_WAIT_MS from its
 * arrival, even while an earlier send is slow (sends run side by side, never one after another),
 * and no more than MAX_CLICKS_PER_BATCH are held: the request whose click fills a batch sends it.
 *
 * No request waits on another's promise: the first request to find no active writer becomes the
 * "leader", and its `waitUntil` keeps the isolate alive while it sends what is held. A leader
 * hands over to a newer request after LEADERSHIP_MS, and every send is bounded by
 * LEADER_DEADLINE_MS, well before the runtime cuts a `waitUntil` (30 s): a batch still in flight
 * then is logged for replay, never dropped in silence.
 */
type Wait = Pick<ExecutionContext, "waitUntil">;
type Hit = { linkId: string; at: string; counter: LinkCounter; visit?: HitVisit };

const held: PendingClick[] = [];
const hits: Hit[] = [];
/** When the oldest click or hit still held arrived: its window closes CLICK_BATCH_WAIT_MS later. */
let heldSince = 0;
let leader: { since: number } | null = null;

export const LEADERSHIP_MS = 2_000;
export const LEADER_DEADLINE_MS = 25_000;
// About 250 bytes per click as sent: 200 clicks stay within one 64 KB unit, which is what Queues
// bills per write, read and delete; a busier isolate sends as soon as it holds that many.
export const MAX_CLICKS_PER_BATCH = 200;

export function batchClick(env: Env, ctx: Wait, click: UnsavedClick, ip: string | null) {
  hold();
  held.push({ click, ip });
  if (held.length >= MAX_CLICKS_PER_BATCH) {
    // A full batch leaves now, from this request, whatever the leader is doing.
    ctx.waitUntil(send(env, Date.now() + LEADER_DEADLINE_MS));
    return;
  }
  schedule(env, ctx);
}

export function batchHit(
  env: Env,
  ctx: Wait,
  linkId: string,
  counter: Exclude<LinkCounter, "clicks">,
  at: number,
  visit?: HitVisit,
) {
  hold();
  hits.push({ linkId, at: utcDay(at), counter, ...(visit ? { visit } : {}) });
  schedule(env, ctx);
}

/** How many clicks the isolate holds, for tests and logs. */
export const heldClicks = () => held.length;

function hold() {
  if (!held.length && !hits.length) heldSince = Date.now();
}

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
  const sending: Promise<void>[] = [];
  while (leader === me && (held.length > 0 || hits.length > 0)) {
    const due = heldSince + waitMs - Date.now();
    if (due > 0) await sleep(due);
    // A newer leader took over while this one slept: what is held is now its to send.
    if (leader !== me) break;
    if (Date.now() - heldSince >= waitMs) sending.push(send(env, deadline));
  }
  if (leader === me) leader = null;
  await Promise.all(sending);
}

/** Takes what is held and sends it; unconfirmed at `deadline`, it is logged for replay. */
function send(env: Env, deadline: number): Promise<void> {
  const clicks = held.splice(0, MAX_CLICKS_PER_BATCH);
  const counted = hits.splice(0);
  if (held.length) heldSince = Date.now();
  return withTimeout(flush(env, clicks, counted), deadline - Date.now(), () =>
    logLostClicks([unhashed(clicks, counted)], "leader deadline: not confirmed", 1),
  );
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
  if (config(env).clickWriteMode === "batched") await writeClicksWithRetries(env, [batch]);
  else await sendClickBatch(env, batch);
}
