import { approveHeldConversions } from "../conversion/hold-period";
import { sweepDeliveries } from "../delivery/sweep";
import { enforceRetention } from "../retention/enforce-retention";

/** The hourly jobs' cron in wrangler.toml; the other (daily) cron runs retention. */
export const HOURLY_CRON = "7 * * * *";

/** Which job a cron trigger runs (wrangler.toml `[triggers]`). */
export async function runJob(controller: ScheduledController, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  if (controller.cron === HOURLY_CRON) {
    await approveHeldConversions(env, now);
    await sweepDeliveries(env, now);
  } else await enforceRetention(env, now);
}
