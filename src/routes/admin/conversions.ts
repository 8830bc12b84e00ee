import { createRoute, z } from "@hono/zod-openapi";
import type { Conversion } from "../../domain/conversion";
import { ApiError } from "../../errors";
import { listConversions, setConversionStatus } from "../../storage/conversions";
import {
  adminRouter,
  commonErrors,
  cursorKey,
  HexId,
  IdParam,
  iso,
  jsonBody,
  jsonResponse,
  ListQuery,
  pageOf,
} from "./common";
import { From, To } from "./date-range";

export const conversionsAdmin = adminRouter();
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

conversionsAdmin.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List conversions, newest first",
    request: {
      query: ListQuery.extend({
        program_id: HexId.optional(),
        status: z.enum(["pending", "approved", "refused"]).optional(),
        from: From.optional(),
        to: To.optional(),
      }),
    },
    responses: {
      200: jsonResponse(pageOf(ConversionSchema), "A page of conversions"),
      ...commonErrors,
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
    return c.json({ data: page.data.map(conversionJson), next_cursor: page.next_cursor }, 200);
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
  conversionsAdmin.openapi(decide(status), async (c) => {
    const reason = status === "refused" ? (c.req.valid("json")?.reason ?? null) : null;
    const changed = await setConversionStatus(
      c.env.DB,
      c.req.valid("param").id,
      status,
      reason,
      Date.now(),
    );
    if (!changed) throw new ApiError("not_found", { message: "No conversion with this id." });
    return c.json(conversionJson(changed), 200);
  });
}
