import { config } from "../config";
import { utcDay } from "../domain/entities";
import { idLowerBound } from "../domain/ids";
import { logEvent } from "../platform/log";
import { deleteOldReceipts, RECEIPT_DAYS } from "../storage/click-batches";
import { deleteOldDeliveries } from "../storage/deliveries";
import { deleteOldAttempts } from "../storage/delivery-attempts";
import { endpointIds } from "../storage/endpoints";
import { deleteSaltsBefore } from "../storage/ip-salts";
import { programIds } from "../storage/programs";
import {
  convertedAmong,
  deleteOldLogRows,
  deleteOldTextIdClicks,
  oldClickIds,
  retireClicks,
} from "../storage/retention";
import { everyClickDb } from "../storage/shards";

export const RETENTION_BATCH = 1000;
/** Statements one run may issue per kind; the next day's run continues where this one stopped. */
const MAX_BATCHES = 100;

export interface RetentionReport {
  clicksDeleted: number;
  clicksErased: number;
  logRowsDeleted: number;
  saltsDeleted: number;
  receiptsDeleted: number;
  deliveriesDeleted: number;
}

/** Finished deliveries and the delivery log, after RETENTION_DAYS like the postback log. */
async function deleteOldDeliveryLog(
  db: D1Database,
  beforeId: string,
  beforeLog: string,
  batch: number,
) {
  let deleted = await drain(() => deleteOldDeliveries(db, beforeId, batch), batch);
  for (const endpointId of await endpointIds(db)) {
    deleted += await drain(() => deleteOldAttempts(db, endpointId, beforeLog, batch), batch);
  }
  return deleted;
}

/**
 * Every shard's clicks past retention, a batch at a time: the unconverted deleted, the converted
 * kept but erased (conversions are in the main database, so each batch asks it which are).
 */
async function retireOldClicks(env: Env, beforeId: string, batch: number) {
  let deleted = 0;
  let erased = 0;
  for (const { db } of everyClickDb(env)) {
    // The previous release's rows (migration 0009): copies, counted with neither.
    await drain(() => deleteOldTextIdClicks(db, beforeId, batch), batch);
    for (let i = 0; i < MAX_BATCHES; i++) {
      const ids = await oldClickIds(db, beforeId, batch);
      if (!ids.length) break;
      const converted = await convertedAmong(env.DB, ids);
      const done = await retireClicks(
        db,
        ids.filter((id) => !converted.has(id)),
        ids.filter((id) => converted.has(id)),
      );
      deleted += done.deleted;
      erased += done.erased;
      if (ids.length < batch) break;
    }
  }
  return { deleted, erased };
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
  const cutoffMs = now - config(env).retentionDays * 86_400_000;
  const beforeClick = idLowerBound(cutoffMs / 1000);
  const beforeLog = cutoffMs.toString(16).padStart(12, "0");
  const { deleted: clicksDeleted, erased: clicksErased } = await retireOldClicks(
    env,
    beforeClick,
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
  let receiptsDeleted = 0;
  for (const { db } of everyClickDb(env)) {
    receiptsDeleted += await drain(
      () => deleteOldReceipts(db, now - RECEIPT_DAYS * 86_400_000, batch),
      batch,
    );
  }
  const deliveriesDeleted = await deleteOldDeliveryLog(env.DB, beforeClick, beforeLog, batch);
  const report = {
    clicksDeleted,
    clicksErased,
    logRowsDeleted,
    saltsDeleted,
    receiptsDeleted,
    deliveriesDeleted,
  };
  logEvent("retention", { ...report });
  return report;
}
