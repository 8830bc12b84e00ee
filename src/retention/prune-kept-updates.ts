import { QueryAllowance } from "../domain/retention";
import { logEvent } from "../platform/log";
import { deleteOldKeptUpdates } from "../storage/source-retention";
import { drain } from "./drain";

/**
 * Retention of the updates conversion sources kept for a sale: applied or not, a row last
 * changed before `before` (ms) goes, as the postback log rows that record its event do. One that
 * never met its sale (the sale never came, or came as something else) is logged as it goes,
 * `kept_update_dropped`, with its source, order and event: the operator can still tell why a
 * sale registered after that lacks its refund.
 */
export async function pruneKeptUpdates(
  db: D1Database,
  before: number,
  batch: number,
  share: number,
) {
  let deleted = 0;
  let dropped = 0;
  const run = async () => {
    const done = await deleteOldKeptUpdates(db, before, batch);
    deleted += done.deleted;
    dropped += done.dropped.length;
    for (const update of done.dropped) logEvent("kept_update_dropped", { ...update });
    return done.most;
  };
  // Each call is one batch of two deletes: two statements of the share.
  const { unfinished } = await drain(new QueryAllowance(share), run, batch, 2);
  return { deleted, dropped, unfinished };
}
