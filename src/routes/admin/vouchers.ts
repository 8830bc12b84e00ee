import { createRoute, z } from "@hono/zod-openapi";
import type { Voucher } from "../../domain/entities";
import { invalidFields } from "../../errors";
import { getPartner } from "../../storage/partners";
import { getProgram } from "../../storage/programs";
import { listVouchers, upsertVoucher } from "../../storage/vouchers";
import { cursorKey, getOr404, iso, pageJson } from "./answers";
import { audited } from "./audit-trail";
import { adminRouter, commonErrors, jsonBody, jsonResponse, listRoute } from "./route-kit";
import { HexId, IdParam } from "./schemas";

/** Mounted under /programs: vouchers belong to a program. */
export const vouchersApi = adminRouter();
const tags = ["Vouchers"];

export const VOUCHER_CODE_MAX = 64;

const VoucherAssign = z
  .object({
    code: z
      .string()
      .min(1)
      .max(VOUCHER_CODE_MAX)
      .regex(/^[^;\s]+$/, "must not contain ';' or spaces")
      .openapi({ description: "Matched exactly, case-sensitively", example: "SUMMER-ALICE" }),
    partner_id: HexId,
  })
  .strict()
  .openapi("VoucherAssign");

const VoucherSchema = z
  .object({
    program_id: z.string(),
    code: z.string(),
    partner_id: z.string(),
    created_at: z.string(),
  })
  .openapi("Voucher");

const voucherJson = (voucher: Voucher) => ({
  program_id: voucher.programId,
  code: voucher.code,
  partner_id: voucher.partnerId,
  created_at: iso(voucher.createdAt),
});

vouchersApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/vouchers",
    tags,
    summary: "Assign a voucher code to a partner (reassigns a code already assigned)",
    request: { params: IdParam, body: jsonBody(VoucherAssign) },
    responses: {
      201: jsonResponse(VoucherSchema, "The code was new to the program"),
      200: jsonResponse(VoucherSchema, "The code was reassigned"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const programId = c.req.valid("param").id;
    const input = c.req.valid("json");
    const [program, partner] = await Promise.all([
      getProgram(c.env.DB, programId),
      getPartner(c.env.DB, input.partner_id),
    ]);
    getOr404(program, "program");
    if (!partner) throw invalidFields({ partner_id: "names no partner" });
    const voucher: Voucher = {
      programId,
      code: input.code,
      partnerId: partner.id,
      createdAt: Date.now(),
    };
    const trail = audited(c, "assign", "voucher", `${programId}:${voucher.code}`, input);
    const created = await upsertVoucher(c.env.DB, voucher, trail);
    return created ? c.json(voucherJson(voucher), 201) : c.json(voucherJson(voucher), 200);
  },
);

vouchersApi.openapi(
  listRoute({
    tags,
    summary: "List a program's vouchers, by code",
    item: VoucherSchema,
    path: "/{id}/vouchers",
    params: IdParam,
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listVouchers(c.env.DB, c.req.valid("param").id, limit, cursorKey(cursor, 1));
    return c.json(pageJson(page, voucherJson), 200);
  },
);
