import { config } from "../config";
import { type LinkCounter, type UnsavedClick, utcDay } from "../domain/entities";
import { sleep } from "../platform/timers";
import { countDeltas } from "../storage/link-counts";
import { type PendingClick, writeClicks } from "./click-writes";

/**
 * Write-behind for the click path. Clicks and counter increments wait in the isolate for a few
 * milliseconds and are written together: one statement for many clicks, one upsert per link and
 * day for their counts and for many bot hits or impressions. D1 runs one query at a time, so this
 * is what lets one database take a much larger click rate (rows written stay about one per click).
 *
 * No request waits on another's promise: the first request to find no active writer becomes the
 * "leader", and its `waitUntil` keeps the isolate alive while it writes everything queued, until
 * the queue is empty. A leader hands over to a newer request after LEADERSHIP_MS, so no single
 * `waitUntil` runs near its 30 s limit under continuous load.
 */
type Wait = Pick<ExecutionContext, "waitUntil">;

const clicks: PendingClick[] = [];
const hits: { linkId: string; at: string; counter: LinkCounter }[] = [];
let leader: { since: number } | null = null;

// Each leader's flushes run in its own invocation, which D1 allows a bounded number of queries
// (1,000 on the paid plan): 2 s of 20 ms windows is at most 100 batches of 3 statements.
const LEADERSHIP_MS = 2_000;
const MAX_CLICKS_PER_STATEMENT = 500;
/** D1 takes at most 2 MB in one string parameter; a batch's JSON stays well under it. */
const MAX_BATCH_JSON_BYTES = 1_000_000;

export function batchClick(env: Env, ctx: Wait, click: UnsavedClick, ip: string | null) {
  clicks.push({ click, ip });
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

function schedule(env: Env, ctx: Wait) {
  const now = Date.now();
  if (leader && now - leader.since < LEADERSHIP_MS) return;
  const me = { since: now };
  leader = me;
  ctx.waitUntil(lead(env, me));
}

/**
 * How many queued clicks fit one statement: at most MAX_CLICKS_PER_STATEMENT, and no more than the
 * JSON size limit holds. The free-text fields are counted six times over, what JSON escaping of
 * control characters can make of them (hostile sub-IDs and user agents), so the estimate is safe.
 */
function batchSize(): number {
  let bytes = 0;
  let count = 0;
  for (const { click } of clicks) {
    let text = (click.userAgent?.length ?? 0) + (click.refererHost?.length ?? 0);
    for (const sub of click.subIds) text += sub?.length ?? 0;
    bytes += 300 + 6 * text;
    if (count > 0 && (bytes > MAX_BATCH_JSON_BYTES || count >= MAX_CLICKS_PER_STATEMENT)) break;
    count++;
  }
  return count;
}

async function lead(env: Env, me: { since: number }) {
  const waitMs = config(env).clickBatchWaitMs;
  do {
    if (waitMs > 0 && clicks.length < MAX_CLICKS_PER_STATEMENT) await sleep(waitMs);
    // A newer leader took over while this one slept: what is queued is now its to write.
    if (leader !== me) return;
    await writeClicks(env, clicks.splice(0, batchSize()), countDeltas(hits.splice(0)));
  } while (leader === me && (clicks.length > 0 || hits.length > 0));
  if (leader === me) leader = null;
}
