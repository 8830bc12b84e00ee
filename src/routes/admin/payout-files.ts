import { createRoute, z } from "@hono/zod-openapi";
import { exportPayout } from "../../payouts/export-payout";
import {
  payerSettingsJson,
  readPayerSettings,
  storePayerSettings,
} from "../../payouts/payer-settings";
import { payoutDetailsJson, readPayoutDetails } from "../../payouts/payout-details";
import { getPartner } from "../../storage/partners";
import { getPayout } from "../../storage/payouts";
import { PayoutDetailsAnswer } from "../payout-details-schemas";
import { getOr404 } from "./answers";
import { adminRouter, commonErrors, errorResponse, jsonBody, jsonResponse } from "./route-kit";
import { IdParam } from "./schemas";

/**
 * Payout files (issue 28, docs/payouts.md): the export of a payout as PayPal, Wise or SEPA, the
 * operator's payer settings, and a partner's payout details as the operator sees them (masked).
 */
const tags = ["Payouts"];

/** `GET /api/payouts/:id/export`, mounted beside the payouts' routes. */
export const payoutExportApi = adminRouter();

payoutExportApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/export",
    tags,
    summary:
      "The payout's file: PayPal Payouts CSV, Wise batch CSV or SEPA pain.001.001.03 (EUR). " +
      "The first export moves a draft to `exported`; later ones answer the same payments again",
    request: {
      params: IdParam,
      query: z.object({ format: z.enum(["paypal", "wise", "sepa"]) }),
    },
    responses: {
      200: {
        description: "The file, as an attachment",
        content: {
          "text/csv": { schema: z.string() },
          "application/xml": { schema: z.string() },
        },
      },
      409: errorResponse(
        "Cancelled (`payout_decided`); partners without details this format pays " +
          "(`payout_details_missing`, `partner_ids`); SEPA of another currency (`payout_not_eur`) " +
          "or without payer settings (`payer_settings_missing`), or a transfer over SEPA's " +
          "999,999,999.99 (`payout_too_large_for_sepa`), or a PayPal file of HUF, JPY or TWD " +
          "with decimals (`paypal_whole_units_only`). Nothing changed",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { format } = c.req.valid("query");
    const payout = getOr404(await getPayout(c.env.DB, id), "payout");
    const file = await exportPayout(c, payout, format, Date.now());
    return c.body(file.body, 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    }) as never;
  },
);

const SettingsSchema = z
  .object({
    debtor_name: z.string().nullable(),
    debtor_iban: z.string().nullable().openapi({ description: 'Masked: "FR76 •••• •••• 0189"' }),
    debtor_bic: z.string().nullable(),
    note: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi({ description: "Every field null while the settings are not set" })
  .openapi("PayerSettings");

/** `/api/payout-settings`: the payer of SEPA files, and the note written on every file. */
export const payerSettingsApi = adminRouter();

payerSettingsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "The payer settings, the IBAN masked (every field null until set)",
    responses: { 200: jsonResponse(SettingsSchema, "The settings"), ...commonErrors },
  }),
  async (c) => {
    return c.json(payerSettingsJson(await readPayerSettings(c.env.DB)), 200);
  },
);

payerSettingsApi.openapi(
  createRoute({
    method: "put",
    path: "/",
    tags,
    summary: "Set the payer settings (IBAN and BIC checked, the IBAN stored encrypted)",
    request: {
      body: jsonBody(
        z
          .object({
            debtor_name: z.string().trim().min(1).max(200),
            debtor_iban: z.string().trim().min(1).max(50),
            debtor_bic: z.string().trim().min(8).max(14),
            note: z.string().trim().max(200).nullable().optional().openapi({
              description: "The payment note on every file (SEPA character set, at most 100)",
            }),
          })
          .strict(),
      ),
    },
    responses: { 200: jsonResponse(SettingsSchema, "The settings"), ...commonErrors },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const row = await storePayerSettings(c, { ...body, note: body.note || null }, Date.now());
    return c.json(payerSettingsJson(row), 200);
  },
);

/** `GET /api/partners/:id/payout-details`, mounted beside the partners' routes. */
export const partnerPayoutDetailsApi = adminRouter();

partnerPayoutDetailsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/payout-details",
    tags,
    summary: "A partner's payout details, masked (`{method: null}` when none)",
    request: { params: IdParam },
    responses: { 200: jsonResponse(PayoutDetailsAnswer, "The masked details"), ...commonErrors },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    getOr404(await getPartner(c.env.DB, id), "partner");
    return c.json(payoutDetailsJson(await readPayoutDetails(c.env.DB, id)), 200);
  },
);
