import type { Conversion } from "./conversion";
import type { ConversionChange } from "./conversion-update";

/**
 * A conversion as it was when registered, from what it is now and its history (oldest first):
 * each field a change touched had, before its first change, the value it was registered with. A
 * replay answers this (SPEC: "the body it had when registered"), and the registration's event,
 * told again, tells this. A change made before history was kept (migration 0007) left no trace:
 * that field reads as it now is.
 */
export function asRegistered(
  current: Conversion,
  history: Pick<ConversionChange, "field" | "old">[],
): Conversion {
  const first = new Map<ConversionChange["field"], string | null>();
  for (const { field, old } of history) if (!first.has(field)) first.set(field, old);
  const number = (field: "amount" | "commission", now: number) => {
    const was = first.get(field);
    return was === undefined || was === null || !Number.isSafeInteger(Number(was))
      ? now
      : Number(was);
  };
  const refuseReason = first.get("refuse_reason");
  return {
    ...current,
    status: current.initialStatus,
    amount: number("amount", current.amount),
    commission: number("commission", current.commission),
    refuseReason: refuseReason === undefined ? current.refuseReason : refuseReason,
    updatedAt: current.createdAt,
  };
}
