import { addCountsStatement, countDeltas, insertClicksStatement } from "../storage/batched-writes";
import type { Click } from "../storage/clicks";
import { type LinkCounter, utcDay } from "../storage/link-counts";
import { CLICK_WRITE_RETRIES, withRetries } from "../storage/retry";
import { ipHash } from "./ip-hash";

/**
 * The direct write mode (CLICK_WRITE_MODE = "direct"): one click or one hit per statement, from
 * the request's own `waitUntil`. The batched mode (write-behind.ts) shares the statements.
 */
export type UnsavedClick = Omit<Click, "ipHash">;

const oneCount = (linkId: string, counter: LinkCounter, at: number) =>
  countDeltas([{ linkId, at: utcDay(at), counter }]);

/** Every click whose write failed for good, logged without its IP hash so it can be replayed. */
export function logLostClicks(clicks: Click[], reason: string): void {
  for (const { ipHash: _hidden, ...click } of clicks) {
    console.error(
      JSON.stringify({
        event: "click_write_failed",
        attempts: CLICK_WRITE_RETRIES.attempts,
        reason,
        click,
      }),
    );
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes a click after the redirect was answered. The insert is idempotent and the day's click
 * count follows only a click really inserted, so a retry after an ambiguous failure duplicates
 * nothing.
 */
export async function recordClick(env: Env, click: UnsavedClick, ip: string | null): Promise<void> {
  const full: Click = { ...click, ipHash: await ipHash(env, ip, click.createdAt) };
  const count = addCountsStatement(env.DB, oneCount(click.linkId, "clicks", click.createdAt), true);
  try {
    await withRetries(
      () => env.DB.batch([insertClicksStatement(env.DB, [full]), count]),
      CLICK_WRITE_RETRIES,
    );
  } catch (error) {
    logLostClicks([full], reasonOf(error));
  }
}

/** Bot hits and impressions are counters: a lost increment is tolerable, so one retry. */
export async function countForLink(
  env: Env,
  linkId: string,
  counter: Exclude<LinkCounter, "clicks">,
  at: number,
) {
  try {
    await withRetries(() => addCountsStatement(env.DB, oneCount(linkId, counter, at)).run(), {
      attempts: 2,
      baseDelayMs: 100,
    });
  } catch (error) {
    console.error(
      JSON.stringify({ event: "count_failed", counter, linkId, reason: reasonOf(error) }),
    );
  }
}
