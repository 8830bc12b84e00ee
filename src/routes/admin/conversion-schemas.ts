import { z } from "@hono/zod-openapi";
import type { Conversion } from "../../domain/conversion";
import type { HistoryEntry } from "../../storage/conversion-history";
import { iso } from "./answers";

export const ConversionSchema = z
  .object({
    conversion_id: z.string(),
    program_id: z.string(),
    goal: z.string(),
    id: z.string().openapi({ description: "The advertiser's conversion id (order number)" }),
    click_id: z.string().nullable(),
    partner_id: z.string(),
    attribution: z.enum(["click", "voucher", "revenue_share"]),
    amount: z.number().int().openapi({ description: "Minor units of `currency`" }),
    currency: z.string(),
    commission: z.number().int().openapi({ description: "Minor units of `commission_currency`" }),
    commission_currency: z.string(),
    status: z.enum(["pending", "approved", "refused"]),
    refuse_reason: z
      .string()
      .nullable()
      .openapi({ description: "`too_fast`, the operator's reason, or null" }),
    payment: z.string().nullable(),
    customer: z.string().nullable(),
    cv: z.string().nullable(),
    vouchers: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Conversion");

export const HistorySchema = z
  .object({
    changed_at: z.string(),
    source: z.enum(["postback", "admin", "hold"]),
    operator: z.string().nullable().openapi({
      description: "Who made an admin change (an Access email or `admin-token`); else null",
    }),
    field: z.enum(["status", "amount", "commission", "refuse_reason"]),
    old: z.string().nullable(),
    new: z.string().nullable(),
  })
  .openapi("ConversionChange");

export const ConversionWithHistory = ConversionSchema.extend({
  history: z.array(HistorySchema).openapi({ description: "Every change, oldest first" }),
}).openapi("ConversionWithHistory");

export function conversionJson(c: Conversion) {
  return {
    conversion_id: c.id,
    program_id: c.programId,
    goal: c.goal,
    id: c.orderId,
    click_id: c.clickId,
    partner_id: c.partnerId,
    attribution: c.attribution,
    amount: c.amount,
    currency: c.currency,
    commission: c.commission,
    commission_currency: c.commissionCurrency,
    status: c.status,
    refuse_reason: c.refuseReason,
    payment: c.payment,
    customer: c.customer,
    cv: c.cv,
    vouchers: c.vouchers,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export const historyJson = (h: HistoryEntry) => ({
  changed_at: iso(h.changedAt),
  source: h.source,
  operator: h.operator,
  field: h.field,
  old: h.old,
  new: h.new,
});
