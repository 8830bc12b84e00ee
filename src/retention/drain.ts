import type { QueryAllowance } from "../domain/retention";

/**
 * Runs `step` while its allowance lasts (`cost` statements a call) and each call changes a full
 * batch: a step whose share runs out is `unfinished`, and the next run continues it.
 */
export async function drain(
  allowance: QueryAllowance,
  step: () => Promise<number>,
  batch: number,
  cost = 1,
) {
  let total = 0;
  for (;;) {
    if (!allowance.take(cost)) return { total, unfinished: true };
    const changed = await step();
    total += changed;
    if (changed < batch) return { total, unfinished: false };
  }
}
