import type { Conversion } from "../domain/conversion";
import type { Program } from "../domain/entities";
import { iso } from "../routes/admin/answers";
import { type CsvTable, decimal } from "../routes/admin/conversion-export";

/**
 * A conversion as its partner sees it: status, goal, commission and refusal reason; the order's
 * amount and currency and the advertiser's customer ID only in a program with
 * `partners_see_amounts` on (else absent). Never the order ID, payment, `cv` or attribution.
 */
export type AmountsShown = (programId: string) => boolean;

export const amountsShownIn = (programs: Program[]): AmountsShown => {
  const shown = new Set(programs.filter((p) => p.partnersSeeAmounts).map((p) => p.id));
  return (programId) => shown.has(programId);
};

export function partnerConversionJson(c: Conversion, shown: AmountsShown) {
  return {
    conversion_id: c.id,
    program_id: c.programId,
    link_id: c.linkId,
    click_id: c.clickId,
    goal: c.goal,
    status: c.status,
    refuse_reason: c.refuseReason,
    commission: c.commission,
    commission_currency: c.commissionCurrency,
    vouchers: c.vouchers,
    ...(shown(c.programId) ? { amount: c.amount, currency: c.currency, customer: c.customer } : {}),
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

/** The portal's CSV: the same columns for every row, the hidden amounts left empty. */
export function partnerCsvTable(shown: AmountsShown): CsvTable {
  return {
    columns: [
      "conversion_id",
      "created_at",
      "program_id",
      "link_id",
      "click_id",
      "goal",
      "status",
      "refuse_reason",
      "commission",
      "commission_currency",
      "commission_decimal",
      "amount",
      "currency",
      "amount_decimal",
      "customer",
      "vouchers",
      "updated_at",
    ],
    cells: (c) => {
      const show = shown(c.programId);
      return [
        c.id,
        iso(c.createdAt),
        c.programId,
        c.linkId,
        c.clickId,
        c.goal,
        c.status,
        c.refuseReason,
        c.commission,
        c.commissionCurrency,
        decimal(c.commission, c.commissionCurrency),
        show ? c.amount : null,
        show ? c.currency : null,
        show ? decimal(c.amount, c.currency) : null,
        show ? c.customer : null,
        c.vouchers.join(";"),
        iso(c.updatedAt),
      ];
    },
  };
}
