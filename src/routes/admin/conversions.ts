import { createRoute, z } from "@hono/zod-openapi";
import { conversionEvent, enqueueEvent } from "../../delivery/events";
import type { Conversion } from "../../domain/conversion";
import { listConversions, setConversionStatus } from "../../storage/conversions";
import { cursorKey, getOr404, iso, pageJson } from "./answers";
import { From, To } from "./date-range";
import { adminRouter, commonErrors, jsonBody, jsonResponse, listRoute } from "./route-kit";
import { HexId, IdParam } from "./schemas";

export const conversionsApi = adminRouter();
const tags = ["Conversions"];

export const ConversionSchema = z
  .object({
    conversion_id: z.string(),
    program_id: z.string(),
    id: z.string().openapi({ description: "The advertiser's conversion id (order number)" }),
    click_id: z.string().nullable(),
    partner_id: z.string(),
    attribution: z.enum(["click", "voucher", "revenue_share"]),
    amount: z.number().int().openapi({ description: "Minor units of `currency`" }),
    currency: z.string(),
    commission: z.number().int().openapi({ description: "Minor units of `commission_currency`" }),
    commission_currency: z.string(),
    status: z.enum(["pending", "approved", "refused"]),
    refuse_reason: z.string().nullable(),
    payment: z.string().nullable(),
    customer: z.string().nullable(),
    cv: z.string().nullable(),
    vouchers: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Conversion");

export function conversionJson(c: Conversion) {
  return {
    conversion_id: c.id,
    program_id: c.programId,
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

conversionsApi.openapi(
  listRoute({
    tags,
    summary: "List conversions, newest first",
    item: ConversionSchema,
    query: {
      program_id: HexId.optional(),
      status: z.enum(["pending", "approved", "refused"]).optional(),
      from: From.optional(),
      to: To.optional(),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const page = await listConversions(
      c.env.DB,
      {
        programId: q.program_id ?? null,
        status: q.status ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
      },
      q.limit,
      cursorKey(q.cursor, 2),
    );
    return c.json(pageJson(page, conversionJson), 200);
  },
);

const decide = (status: "approved" | "refused") =>
  createRoute({
    method: "post",
    path: `/{id}/${status === "approved" ? "approve" : "refuse"}`,
    tags,
    summary:
      status === "approved"
        ? "Approve a conversion"
        : "Refuse a conversion (it stops counting as revenue)",
    request: {
      params: IdParam,
      body: {
        ...jsonBody(z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict()),
        required: false,
      },
    },
    responses: { 200: jsonResponse(ConversionSchema, "The conversion"), ...commonErrors },
  });

for (const status of ["approved", "refused"] as const) {
  conversionsApi.openapi(decide(status), async (c) => {
    const reason = status === "refused" ? (c.req.valid("json")?.reason ?? null) : null;
    const decided = getOr404(
      await setConversionStatus(c.env.DB, c.req.valid("param").id, status, reason, Date.now()),
      "conversion",
    );
    // Partners and the operator's systems hear of a decision once, after the answer.
    if (decided.changed) {
      const type = status === "approved" ? "conversion.approved" : "conversion.refused";
      c.executionCtx.waitUntil(enqueueEvent(c.env, conversionEvent(type, decided.conversion)));
    }
    return c.json(conversionJson(decided.conversion), 200);
  });
}
