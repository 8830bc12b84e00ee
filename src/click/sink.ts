import { config } from "../config";
import { countDeltas } from "../domain/click-batch";
import { type LinkCounter, type UnsavedClick, utcDay } from "../domain/entities";
import type { HitVisit } from "../domain/hit-dims";
import { newId } from "../domain/ids";
import { hashClicks } from "./click-hashes";
import { batchClick, batchHit } from "./hold";
import { writeClicksWithRetries } from "./writer";

/**
 * Where the redirect hands its click (or bot hit, or impression), after answering. By default
 * (CLICK_WRITE_MODE = "queue") it is batched with the isolate's other clicks and sent to the
 * click queue, whose consumer writes D1; "batched" writes the isolate's batches to D1 itself;
 * "direct" writes each click at once, one transaction each, from the request's own `waitUntil`.
 */
type Wait = Pick<ExecutionContext, "waitUntil">;

function sinkClick(env: Env, ctx: Wait, click: UnsavedClick, ip: string | null) {
  if (config(env).clickWriteMode === "direct") ctx.waitUntil(writeClickNow(env, click, ip));
  else batchClick(env, ctx, click, ip);
}

function sinkHit(
  env: Env,
  ctx: Wait,
  linkId: string,
  counter: Exclude<LinkCounter, "clicks">,
  at: number,
  visit?: HitVisit,
) {
  if (config(env).clickWriteMode !== "direct") batchHit(env, ctx, linkId, counter, at, visit);
  else {
    const hits = countDeltas([{ linkId, at: utcDay(at), counter, ...(visit ? { visit } : {}) }]);
    ctx.waitUntil(writeClicksWithRetries(env, [{ id: newId(), clicks: [], hits }]));
  }
}

/**
 * What the redirect hands its clicks and hits to. The benchmark's no-sink build replaces this
 * whole module at bundle time (bench/worker/no-sink-sink.ts, through wrangler's `--alias`) to
 * measure the Worker's own work per click apart from the sink's; frozen, so nothing reassigns it.
 */
export const sink = Object.freeze({ click: sinkClick, hit: sinkHit });

/** One click, written to D1 now (the direct mode, and tests). */
export async function writeClickNow(env: Env, click: UnsavedClick, ip: string | null) {
  const clicks = await hashClicks(env, [{ click, ip }]);
  await writeClicksWithRetries(env, [{ id: newId(), clicks, hits: [] }]);
}
