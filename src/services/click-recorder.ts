import { addCountsStatement } from "../storage/batched-writes";
import { type Click, insertClickStatement } from "../storage/clicks";
import { incrementStatement, type LinkCounter, utcDay } from "../storage/link-counts";
import { CLICK_WRITE_RETRIES, withRetries } from "../storage/retry";
import { ipHash } from "./ip-hash";

export type UnsavedClick = Omit<Click, "ipHash">;

/**
 * Writes a click after the redirect was answered (called from `waitUntil`). The insert is
 * idempotent, so a retry after an ambiguous failure cannot duplicate it. If every retry fails, the
 * click is logged (without its IP hash) so an operator can replay it from the Worker's logs.
 */
export async function recordClick(env: Env, click: UnsavedClick, ip: string | null): Promise<void> {
  const full: Click = { ...click, ipHash: await ipHash(env, ip, click.createdAt) };
  try {
    // The day's click count follows only a click really inserted (see addCountsStatement).
    await withRetries(
      () => env.DB.batch([insertClickStatement(env.DB, full), clickCountIfInserted(env.DB, full)]),
      CLICK_WRITE_RETRIES,
    );
  } catch (error) {
    const { ipHash: _hidden, ...replayable } = full;
    console.error(
      JSON.stringify({
        event: "click_write_failed",
        attempts: CLICK_WRITE_RETRIES.attempts,
        reason: error instanceof Error ? error.message : String(error),
        click: replayable,
      }),
    );
  }
}

function clickCountIfInserted(db: D1Database, click: Click) {
  return addCountsStatement(
    db,
    [
      {
        linkId: click.linkId,
        day: utcDay(click.createdAt),
        counts: { clicks: 1, bot_hits: 0, impressions: 0 },
      },
    ],
    true,
  );
}

/** Bot hits and impressions are counters: a lost increment is tolerable, so one retry. */
export async function countForLink(env: Env, linkId: string, counter: LinkCounter, at: number) {
  try {
    await withRetries(() => incrementStatement(env.DB, linkId, counter, at).run(), {
      attempts: 2,
      baseDelayMs: 100,
    });
  } catch (error) {
    console.error(
      JSON.stringify({
        event: "count_failed",
        counter,
        linkId,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
  }
}
