import { type Applied, answerApplied, applyToSale, type SourceUpdate } from "./apply-update";
import { keepForSale } from "./pending-updates";
import { type EventTag, type SourceAnswer, settled, unavailable } from "./source-answers";

/**
 * An update event, to its answer: applied to its sale, or, the sale not registered yet, kept
 * until it is (pending-updates.ts): `200 kept`, whichever the platform (docs/sources.md).
 */
export async function applyUpdateEvent(
  env: Env,
  tag: EventTag,
  update: SourceUpdate,
): Promise<SourceAnswer> {
  let applied: Applied;
  try {
    applied = await applyToSale(env, tag.programId, update, tag.now);
  } catch {
    return unavailable();
  }
  if (applied.kind === "no_conversion") return keepForSale(env, tag, update);
  if (applied.kind === "currency_mismatch")
    return settled(tag, "refused", "currency_mismatch", { message: applied.message });
  return answerApplied(tag, applied.updated);
}
