import type { Conversion } from "../domain/conversion";
import {
  applyUpdate,
  type ChangeSource,
  type ConversionChange,
  type RequestedUpdate,
} from "../domain/conversion-update";
import type { Program } from "../domain/entities";
import { commissionRuleOf } from "../domain/goals";
import { writeConversionUpdate } from "../storage/conversion-updates";

/** Racing writers retry on the row as it now is; this many rounds is far past any real race. */
const MAX_ROUNDS = 8;

export interface Updated {
  before: Conversion;
  conversion: Conversion;
  /** Empty: nothing changed (the conversion already was so), and nothing was written. */
  changes: ConversionChange[];
}

/**
 * Applies an update to a conversion as it is in D1: compare-and-set, so of any number of
 * identical updates racing, one writes (and one set of history rows) and the others find nothing
 * left to change. Throws when D1 fails; answers null when the conversion is gone.
 */
export async function updateConversion(
  db: D1Database,
  current: Conversion,
  update: RequestedUpdate,
  program: Program | null,
  source: ChangeSource,
  now: number,
): Promise<Updated | null> {
  const rule = program
    ? commissionRuleOf(program, current.goal)
    : { type: "fixed" as const, value: current.commission, currency: current.commissionCurrency };
  let seen: Conversion | null = current;
  for (let round = 0; seen && round < MAX_ROUNDS; round++) {
    const { next, changes } = applyUpdate(seen, update, rule, now);
    if (!changes.length) return { before: seen, conversion: seen, changes };
    const written = await writeConversionUpdate(db, seen, next, changes, source, now);
    if (written.applied && written.conversion) {
      return { before: seen, conversion: written.conversion, changes };
    }
    seen = written.conversion;
  }
  if (!seen) return null;
  throw new Error(`conversion ${current.id}: still changing after ${MAX_ROUNDS} rounds`);
}
