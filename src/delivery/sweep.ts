import { logEvent } from "../platform/log";
import { stalled, touch } from "../storage/deliveries";
import { queueAttempts } from "./fan-out";

/** A delivery written but never queued (the queue was down) is queued again this long after. */
const UNQUEUED_AFTER_MS = 10 * 60_000;
/** A pending delivery nothing has touched for this long lost its queue message (longer than any delay). */
const LOST_AFTER_MS = 6 * 3_600_000;
const SWEEP_LIMIT = 1_000;

/**
 * The hourly job: outbound deliveries whose attempt message is gone (never sent, or dropped)
 * are queued again. An attempt that finds its delivery already done does nothing, so queuing
 * one twice is harmless.
 */
export async function sweepDeliveries(env: Env, now: number): Promise<number> {
  const found = await stalled(env.DB, now - UNQUEUED_AFTER_MS, now - LOST_AFTER_MS, SWEEP_LIMIT);
  if (!found.length) return 0;
  await queueAttempts(
    env,
    found.map((delivery) => ({ delivery, delaySeconds: 0 })),
  );
  await touch(env.DB, found, now);
  logEvent("deliveries_requeued", { count: found.length });
  return found.length;
}
