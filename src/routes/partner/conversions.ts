import { createRoute, z } from "@hono/zod-openapi";
import { GOAL_NAME } from "../../domain/goals";
import {
  amountsShownIn,
  partnerConversionJson,
  partnerCsvTable,
} from "../../partner/partner-conversions";
import { ownConversion, ownProgram } from "../../partner/partner-scope";
import { listConversions } from "../../storage/conversion-lists";
import { allPartnerPrograms } from "../../storage/partner-programs";
import { getProgram } from "../../storage/programs";
import { cursorKey } from "../admin/answers";
import { conversionsCsv } from "../admin/conversion-export";
import { ConversionSchema } from "../admin/conversion-schemas";
import { From, To } from "../admin/date-range";
import { ListQuery, pageOf, readRoute } from "../admin/route-kit";
import { HexId, IdParam } from "../admin/schemas";
import { partnerErrors, partnerRouter } from "./partner-kit";

/** `/api/partner/conversions`: this partner's conversions only (`partner_id` bound in SQL). */
export const conversionsApi = partnerRouter();
const tags = ["Partner: conversions"];

const shownWhen = "only in a program with `partners_see_amounts` on; else absent";
const PartnerConversion = ConversionSchema.pick({
  conversion_id: true,
  program_id: true,
  click_id: true,
  goal: true,
  status: true,
  refuse_reason: true,
  commission: true,
  commission_currency: true,
  vouchers: true,
  created_at: true,
  updated_at: true,
})
  .extend({
    link_id: z.string().nullable(),
    amount: z
      .number()
      .int()
      .optional()
      .openapi({ description: `Order amount, ${shownWhen}` }),
    currency: z
      .string()
      .optional()
      .openapi({ description: `Order currency, ${shownWhen}` }),
    customer: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: `The advertiser's customer ID, ${shownWhen}` }),
  })
  .openapi("PartnerConversion");

conversionsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "This partner's conversions, newest first; `format=csv` exports every match",
    request: {
      query: ListQuery.extend({
        program_id: HexId.optional(),
        status: z.enum(["pending", "approved", "refused"]).optional(),
        goal: z.string().regex(GOAL_NAME).optional(),
        from: From.optional(),
        to: To.optional(),
        format: z.enum(["json", "csv"]).default("json"),
      }),
    },
    responses: {
      200: {
        content: {
          "application/json": { schema: pageOf(PartnerConversion) },
          "text/csv": { schema: z.string() },
        },
        description: "A page, or the CSV export (hidden amounts are empty cells)",
      },
      ...partnerErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const partnerId = c.get("partner").id;
    if (q.program_id) await ownProgram(c.env.DB, partnerId, q.program_id);
    const filters = {
      programId: q.program_id ?? null,
      status: q.status ?? null,
      goal: q.goal ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      partnerId,
    };
    const after = cursorKey(q.cursor, 2);
    const shown = amountsShownIn(await allPartnerPrograms(c.env.DB, partnerId));
    if (q.format === "csv")
      return (await conversionsCsv(
        c.env.DB,
        filters,
        after,
        c.req.url,
        partnerCsvTable(shown),
      )) as never;
    const page = await listConversions(c.env.DB, filters, q.limit, after);
    const data = page.data.map((conversion) => partnerConversionJson(conversion, shown));
    return c.json({ data, next_cursor: page.next_cursor }, 200);
  },
);

conversionsApi.openapi(
  readRoute({
    tags,
    summary: "One of this partner's conversions",
    params: IdParam,
    item: PartnerConversion,
    description: "The conversion",
    errors: partnerErrors,
  }),
  async (c) => {
    const conversion = await ownConversion(c.env.DB, c.get("partner").id, c.req.valid("param").id);
    const program = await getProgram(c.env.DB, conversion.programId);
    const shown = amountsShownIn(program ? [program] : []);
    return c.json(partnerConversionJson(conversion, shown), 200);
  },
);
