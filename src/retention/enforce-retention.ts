import { config } from "../config";
import { utcDay } from "../domain/entities";
import { idLowerBound } from "../domain/ids";
import { QueryAllowance } from "../domain/retention";
import { logEvent, reasonOf } from "../platform/log";
import { deleteAuditBefore } from "../storage/audit-log";
import { deleteOldReceipts, RECEIPT_DAYS } from "../storage/click-batches";
import { deleteOldDeliveries } from "../storage/deliveries";
import { deleteOldAttempts } from "../storage/delivery-attempts";
import { deleteSaltsBefore } from "../storage/ip-salts";
import { deleteOldLogRows } from "../storage/retention";
import { everyClickDb } from "../storage/shards";
import { deleteOldSourceEvents } from "../storage/source-retention";
import { drain } from "./drain";
import { pruneKeptUpdates } from "./prune-kept-updates";
import { retireOldClicks } from "./retire-clicks";

export const RETENTION_BATCH = 1000;

/**
 * Each step's share of one run's D1 statements: 900 in all, under Workers' 1,000 queries an
 * invocation (two more: the salt delete and the programs read). A step whose share runs out
 * stops; the next day's run continues where it stopped, since every step deletes oldest first.
 */
const SHARES = {
  clicks: 550,
  logRows: 70,
  // A source's events are a fraction of the postback log (each has its log row): 20,000 a run.
  sourceEvents: 20,
  // Updates kept for a sale are rarer still (a batch of two deletes is two statements).
  keptUpdates: 6,
  receipts: 90,
  deliveries: 50,
  attempts: 96,
  // Admin changes are few (a team makes hundreds a day, not thousands): 10,000 rows a run.
  audit: 10,
};

export interface RetentionReport {
  clicksDeleted: number;
  clicksErased: number;
  logRowsDeleted: number;
  saltsDeleted: number;
  receiptsDeleted: number;
  deliveriesDeleted: number;
  auditRowsDeleted: number;
  sourceEventsDeleted: number;
  keptUpdatesDeleted: number;
  /** Of those, kept updates that never met their sale (each logged, `kept_update_dropped`). */
  keptUpdatesDropped: number;
  /** Steps that used their whole share: they have more for the next run. */
  unfinished: string[];
  /** Steps that failed (logged); the others ran anyway. */
  failed: string[];
}

/**
 * The daily job (cron trigger): enforces RETENTION_DAYS (never on a click its program's
 * attribution window still covers) and retires yesterday's IP salt. Each step runs in its own
 * try, the salt first, so no failure keeps another step from running; a failure is logged and
 * the run then fails as a whole, so the cron shows it.
 */
export async function enforceRetention(
  env: Env,
  now: number,
  batch = RETENTION_BATCH,
): Promise<RetentionReport> {
  const retentionDays = config(env).retentionDays;
  const cutoffMs = now - retentionDays * 86_400_000;
  const beforeId = idLowerBound(cutoffMs / 1000);
  const beforeLog = cutoffMs.toString(16).padStart(12, "0");
  const report: RetentionReport = {
    clicksDeleted: 0,
    clicksErased: 0,
    logRowsDeleted: 0,
    saltsDeleted: 0,
    receiptsDeleted: 0,
    deliveriesDeleted: 0,
    auditRowsDeleted: 0,
    sourceEventsDeleted: 0,
    keptUpdatesDeleted: 0,
    keptUpdatesDropped: 0,
    unfinished: [],
    failed: [],
  };
  const step = async (name: string, run: () => Promise<boolean | undefined>) => {
    try {
      if (await run()) report.unfinished.push(name);
    } catch (error) {
      report.failed.push(name);
      logEvent("retention_step_failed", { step: name, reason: reasonOf(error) }, "error");
    }
  };
  await step("salts", async () => {
    report.saltsDeleted = await deleteSaltsBefore(env.DB, utcDay(now));
    return false;
  });
  await step("clicks", async () => {
    const done = await retireOldClicks(env, now, retentionDays, batch, SHARES.clicks);
    report.clicksDeleted = done.deleted;
    report.clicksErased = done.erased;
    return done.unfinished;
  });
  await step("log_rows", async () => {
    const allowance = new QueryAllowance(SHARES.logRows);
    const done = await drain(allowance, () => deleteOldLogRows(env.DB, beforeLog, batch), batch);
    report.logRowsDeleted = done.total;
    return done.unfinished;
  });
  await step("receipts", async () => {
    const shards = everyClickDb(env);
    const share = Math.floor(SHARES.receipts / shards.length);
    let unfinished = false;
    for (const { db } of shards) {
      const before = now - RECEIPT_DAYS * 86_400_000;
      const done = await drain(
        new QueryAllowance(share),
        () => deleteOldReceipts(db, before, batch),
        batch,
      );
      report.receiptsDeleted += done.total;
      unfinished ||= done.unfinished;
    }
    return unfinished;
  });
  await step("deliveries", async () => {
    const allowance = new QueryAllowance(SHARES.deliveries);
    const done = await drain(allowance, () => deleteOldDeliveries(env.DB, beforeId, batch), batch);
    report.deliveriesDeleted += done.total;
    return done.unfinished;
  });
  await step("delivery_attempts", async () => {
    const allowance = new QueryAllowance(SHARES.attempts);
    const done = await drain(allowance, () => deleteOldAttempts(env.DB, beforeLog, batch), batch);
    report.deliveriesDeleted += done.total;
    return done.unfinished;
  });
  // The audit trail names operators (emails): kept as long as the other logs, RETENTION_DAYS.
  await step("audit", async () => {
    const allowance = new QueryAllowance(SHARES.audit);
    const done = await drain(allowance, () => deleteAuditBefore(env.DB, cutoffMs, batch), batch);
    report.auditRowsDeleted = done.total;
    return done.unfinished;
  });
  // What conversion sources keep is kept as long as the postback log that records their events.
  await step("source_events", async () => {
    const allowance = new QueryAllowance(SHARES.sourceEvents);
    const prune = () => deleteOldSourceEvents(env.DB, cutoffMs, batch);
    const done = await drain(allowance, prune, batch);
    report.sourceEventsDeleted = done.total;
    return done.unfinished;
  });
  await step("kept_updates", async () => {
    const done = await pruneKeptUpdates(env.DB, cutoffMs, batch, SHARES.keptUpdates);
    report.keptUpdatesDeleted = done.deleted;
    report.keptUpdatesDropped = done.dropped;
    return done.unfinished;
  });
  logEvent("retention", { ...report });
  if (report.failed.length) throw new Error(`retention steps failed: ${report.failed.join(", ")}`);
  return report;
}
