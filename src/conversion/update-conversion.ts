import type { Conversion } from "../domain/conversion";
import {
  applyUpdate,
  type ChangeSource,
  type ConversionChange,
  type RequestedUpdate,
} from "../domain/conversion-update";
import type { Program } from "../domain/entities";
import { commissionRuleOf } from "../domain/goals";
import { DEFAULT_VALUE_CAP } from "../domain/report-dims";
import {
  type ChangeTrail,
  conversionUpdateParts,
  writeConversionUpdate,
} from "../storage/conversion-updates";
import { firstConversion } from "../storage/conversions";
import { changeRollupStatement } from "../storage/rollups";

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
  trail?: ChangeTrail,
  cap?: number,
): Promise<Updated | null> {
  const rule = ruleFor(program, current);
  let seen: Conversion | null = current;
  for (let round = 0; seen && round < MAX_ROUNDS; round++) {
    const { next, changes } = applyUpdate(seen, update, rule, now);
    if (!changes.length) return { before: seen, conversion: seen, changes };
    const written = await writeConversionUpdate(db, seen, next, changes, source, now, trail, cap);
    if (written.applied && written.conversion) {
      return { before: seen, conversion: written.conversion, changes };
    }
    seen = written.conversion;
  }
  if (!seen) return null;
  throw new Error(`conversion ${current.id}: still changing after ${MAX_ROUNDS} rounds`);
}

/**
 * The same update applied to many conversions in one transaction (the hold job's approvals):
 * each is a compare-and-set with its history, as in `updateConversion`, so a conversion decided
 * meanwhile is left as it now is and answered without changes (no retry here: the batch's
 * caller reads pending conversions again on its next run). Two statements per conversion and one
 * for all their counts, so a batch of 100 is 201 queries: the caller keeps its runs under D1's
 * 1,000 per invocation.
 */
export async function updateConversions(
  db: D1Database,
  conversions: Conversion[],
  update: RequestedUpdate,
  program: Program | null,
  source: ChangeSource,
  now: number,
  cap?: number,
): Promise<Updated[]> {
  const planned = conversions.map((before) => ({
    before,
    ...applyUpdate(before, update, ruleFor(program, before), now),
  }));
  const writes = planned.filter(({ changes }) => changes.length);
  const parts = writes.map(({ before, next, changes }) =>
    conversionUpdateParts(db, before, next, changes, source, now),
  );
  const counts = parts.flatMap((p) => (p.counts ? [p.counts] : []));
  const statements = parts.flatMap((p) => p.statements);
  if (counts.length) statements.push(changeRollupStatement(db, counts, cap ?? DEFAULT_VALUE_CAP));
  const results = writes.length ? await db.batch(statements) : [];
  // A written conversion's update row is at 2 × its place among the writes; none: it had changed.
  let write = 0;
  return planned.map(({ before, changes }) => {
    if (!changes.length) return { before, conversion: before, changes };
    const conversion = firstConversion(results[2 * write++]);
    return conversion
      ? { before, conversion, changes }
      : { before, conversion: before, changes: [] };
  });
}

/** The commission rule an update recomputes with: the program's for the goal, else the row's own. */
function ruleFor(program: Program | null, conversion: Conversion) {
  return program
    ? commissionRuleOf(program, conversion.goal)
    : {
        type: "fixed" as const,
        value: conversion.commission,
        currency: conversion.commissionCurrency,
      };
}
