/**
 * A change to a registered conversion (SPEC "Status updates"): a status, and maybe a new amount
 * (a partial refund), from the advertiser's postback, the operator's decision or the hold period.
 * Commission is recomputed from the new amount with the goal's rule; every field that changes is
 * one history row.
 */
import type { Conversion, ConversionStatus } from "./conversion";
import { type CommissionRule, commissionFor } from "./money";

export type ChangeSource = "postback" | "admin" | "hold";

export interface ConversionChange {
  field: "status" | "amount" | "commission" | "refuse_reason";
  old: string | null;
  new: string | null;
}

export interface RequestedUpdate {
  status: ConversionStatus | null;
  /** Minor units of the conversion's currency; null: unchanged. */
  amount: number | null;
  /** Kept with a refusal; cleared when the conversion is no longer refused. */
  reason?: string | null;
}

/** The conversion as the update leaves it, and what changed (nothing: an empty list). */
export function applyUpdate(
  current: Conversion,
  update: RequestedUpdate,
  rule: CommissionRule,
  now: number,
): { next: Conversion; changes: ConversionChange[] } {
  const status = update.status ?? current.status;
  const amount = update.amount ?? current.amount;
  const commission =
    amount === current.amount
      ? current.commission
      : commissionFor(rule, amount, current.currency).minor;
  const refuseReason =
    status !== "refused"
      ? null
      : update.reason !== undefined && update.status === "refused"
        ? update.reason
        : current.refuseReason;
  const changes: ConversionChange[] = [];
  const note = (field: ConversionChange["field"], was: unknown, is: unknown) => {
    if (was !== is) changes.push({ field, old: text(was), new: text(is) });
  };
  note("status", current.status, status);
  note("amount", current.amount, amount);
  note("commission", current.commission, commission);
  note("refuse_reason", current.refuseReason, refuseReason);
  if (!changes.length) return { next: current, changes };
  return {
    next: { ...current, status, amount, commission, refuseReason, updatedAt: now },
    changes,
  };
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The outbound event a change fires: a decision's own, else `conversion.updated`. */
export function eventOfChange(before: Conversion, after: Conversion) {
  if (after.status !== before.status && after.status === "approved") return "conversion.approved";
  if (after.status !== before.status && after.status === "refused") return "conversion.refused";
  return "conversion.updated";
}
