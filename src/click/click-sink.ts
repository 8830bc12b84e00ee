import { config } from "../config";
import { type LinkCounter, type UnsavedClick, utcDay } from "../domain/entities";
import { countDeltas } from "../storage/link-counts";
import { batchClick, batchHit } from "./batch-writer";
import { writeClicks } from "./click-writes";

/**
 * Where the redirect hands its click (or bot hit, or impression), after answering: batched with
 * the isolate's other clicks (CLICK_WRITE_MODE = "batched", the default), or written at once, one
 * statement each, from the request's own `waitUntil` ("direct"). Both write one row per click.
 */
type Wait = Pick<ExecutionContext, "waitUntil">;

export function sinkClick(env: Env, ctx: Wait, click: UnsavedClick, ip: string | null) {
  if (config(env).clickWriteMode === "batched") batchClick(env, ctx, click, ip);
  else ctx.waitUntil(writeClickNow(env, click, ip));
}

export function sinkHit(
  env: Env,
  ctx: Wait,
  linkId: string,
  counter: Exclude<LinkCounter, "clicks">,
  at: number,
) {
  if (config(env).clickWriteMode === "batched") batchHit(env, ctx, linkId, counter, at);
  else ctx.waitUntil(writeClicks(env, [], countDeltas([{ linkId, at: utcDay(at), counter }])));
}

/** One click, written now (the direct mode, and tests). */
export function writeClickNow(env: Env, click: UnsavedClick, ip: string | null): Promise<void> {
  return writeClicks(env, [{ click, ip }], []);
}
