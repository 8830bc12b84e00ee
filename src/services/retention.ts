import { idLowerBound } from "../domain/ids";
import { deleteSaltsBefore } from "../storage/ip-salts";
import { utcDay } from "../storage/link-counts";
import { programIds } from "../storage/programs";
import {
  deleteOldLogRows,
  deleteUnconvertedClicks,
  eraseOldConvertedClicks,
} from "../storage/retention";

export const RETENTION_BATCH = 1000;
/** Statements one run may issue per kind; the next day's run continues where this one stopped. */
const MAX_BATCHES = 100;

export interface RetentionReport {
  clicksDeleted: number;
  clicksErased: number;
  logRowsDeleted: number;
  saltsDeleted: number;
}

export function retentionDays(env: Env): number {
  const days = Number(env.RETENTION_DAYS);
  return Number.isInteger(days) && days > 0 ? days : 395;
}

async function drain(step: () => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const changed = await step();
    total += changed;
    if (changed < batch) break;
  }
  return total;
}

/** The daily job (cron trigger): enforces RETENTION_DAYS and retires yesterday's IP salt. */
export async function enforceRetention(
  env: Env,
  now: number,
  batch = RETENTION_BATCH,
): Promise<RetentionReport> {
  const cutoffMs = now - retentionDays(env) * 86_400_000;
  const beforeClick = idLowerBound(cutoffMs / 1000);
  const beforeLog = cutoffMs.toString(16).padStart(12, "0");
  const clicksDeleted = await drain(
    () => deleteUnconvertedClicks(env.DB, beforeClick, batch),
    batch,
  );
  const clicksErased = await drain(
    () => eraseOldConvertedClicks(env.DB, beforeClick, batch),
    batch,
  );
  let logRowsDeleted = 0;
  for (const programId of await programIds(env.DB)) {
    logRowsDeleted += await drain(
      () => deleteOldLogRows(env.DB, programId, beforeLog, batch),
      batch,
    );
  }
  const saltsDeleted = await deleteSaltsBefore(env.DB, utcDay(now));
  const report = { clicksDeleted, clicksErased, logRowsDeleted, saltsDeleted };
  console.log(JSON.stringify({ event: "retention", ...report }));
  return report;
}
