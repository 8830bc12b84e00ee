import { config } from "../config";
import { enqueueEvents } from "../delivery/events";
import type { ConversionEvent } from "../domain/outbound";
import { logEvent } from "../platform/log";
import { pendingBefore } from "../storage/conversion-updates";
import { programsWithHold, setHoldCheckedUntil } from "../storage/programs";
import { eventOf } from "./announce";
import { updateConversions } from "./update-conversion";

const DAY_MS = 86_400_000;
/** Conversions approved per D1 transaction: two statements each (the update, its history), and
 * one for the reports' counts of them all; then one to move the program's mark. */
const BATCH = 100;
/**
 * The job's share of the run's D1 queries, under Workers' 1,000 an invocation: four
 * transactions of 100 (809 statements with their reads), the rest left to the delivery sweep
 * that runs after it and to the events' fallback when the queue is down. So 400 approvals an
 * hour, 9,600 a day; a larger backlog is approved over the next hours, oldest first.
 */
export const HOLD_QUERY_SHARE = 850;

/**
 * The hourly job of the hold period (SPEC "Status updates"): each program's pending conversions
 * older than its `hold_days` are approved, a batch of 100 per transaction, taking the programs in
 * turn so that one program's backlog cannot hold another's back. It goes through
 * `updateConversions`, as every writer of a conversion goes through `updateConversion`: each
 * approval is a compare-and-set with its history row, so a conversion decided meanwhile is left
 * alone, and running twice approves nothing twice. Each approval is announced to the outbound
 * endpoints.
 *
 * Each program remembers how far the job has looked (`hold_checked_until`): a run reads only
 * conversions registered since, so each conversion is read about once in its life, whatever the
 * program's history (migration 0018; 0022 dropped the partial index of pending conversions).
 * A conversion set back to `pending` by an update after the job passed it stays pending: somebody
 * chose to hold it, and it is theirs to approve.
 */
export async function approveHeldConversions(env: Env, now: number): Promise<number> {
  let approved = 0;
  let spent = 1;
  const roomForBatch = () => spent + 3 + 2 * BATCH <= HOLD_QUERY_SHARE;
  let programs = await programsWithHold(env.DB);
  while (programs.length) {
    const left: typeof programs = [];
    for (const { program, checkedUntil } of programs) {
      if (!roomForBatch()) break;
      const before = now - (program.holdDays ?? 0) * DAY_MS;
      const held = await pendingBefore(env.DB, program.id, before, BATCH, checkedUntil);
      spent += 3 + 2 * held.length;
      // A full batch: the next look starts at its last one (ties included, read again). Else
      // everything pending before `before` is approved now, or was decided meanwhile.
      const last = held.length === BATCH ? held[held.length - 1] : undefined;
      const mark = last ? last.createdAt : before;
      if (mark > checkedUntil) await setHoldCheckedUntil(env.DB, program.id, mark);
      if (!held.length) continue;
      const updated = await updateConversions(
        env.DB,
        held,
        { status: "approved", amount: null },
        program,
        "hold",
        now,
        config(env).reportValueCap,
      );
      const events = updated.map(eventOf).filter((event): event is ConversionEvent => !!event);
      approved += events.length;
      await enqueueEvents(env, events);
      if (last) left.push({ program, checkedUntil: mark });
    }
    if (!roomForBatch()) break;
    programs = left;
  }
  if (approved) logEvent("hold_approved", { count: approved });
  return approved;
}
