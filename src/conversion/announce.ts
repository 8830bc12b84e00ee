import { conversionEvent, enqueueEvent } from "../delivery/events";
import { eventOfChange } from "../domain/conversion-update";
import type { Updated } from "./update-conversion";

/** The outbound event of a change that was written (none when nothing changed). */
export function eventOf(updated: Updated) {
  if (!updated.changes.length) return undefined;
  return conversionEvent(eventOfChange(updated.before, updated.conversion), updated.conversion);
}

/** Tells the outbound endpoints of a change, if there was one. */
export async function announceChange(env: Env, updated: Updated): Promise<void> {
  const event = eventOf(updated);
  if (event) await enqueueEvent(env, event);
}
