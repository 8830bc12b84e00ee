import type { LinkCounter } from "../storage/link-counts";
import { countForLink, recordClick, type UnsavedClick } from "./click-recorder";
import { queueClick, queueCount } from "./write-behind";

/**
 * Where the click path's writes go, after the response: batched (write-behind, the default) or
 * one statement each (CLICK_WRITE_MODE = "direct"). Both keep one row written per click.
 */
const batched = (env: Env) => env.CLICK_WRITE_MODE !== "direct";

export function saveClick(
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  click: UnsavedClick,
  ip: string | null,
) {
  if (batched(env)) queueClick(env, ctx, click, ip);
  else ctx.waitUntil(recordClick(env, click, ip));
}

export function countHit(
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  linkId: string,
  counter: Exclude<LinkCounter, "clicks">,
  at: number,
) {
  if (batched(env)) queueCount(env, ctx, linkId, counter, at);
  else ctx.waitUntil(countForLink(env, linkId, counter, at));
}
