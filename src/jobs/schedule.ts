import { sweepDeliveries } from "./delivery-sweep";
import { enforceRetention } from "./retention";

/** The hourly jobs' cron in wrangler.toml; the other (daily) cron runs retention. */
export const HOURLY_CRON = "7 * * * *";

/** Which job a cron trigger runs (wrangler.toml `[triggers]`). */
export async function runJob(controller: ScheduledController, env: Env): Promise<void> {
  if (controller.cron === HOURLY_CRON) await sweepDeliveries(env, controller.scheduledTime);
  else await enforceRetention(env, controller.scheduledTime);
}
