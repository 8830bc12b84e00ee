import { createRoute, z } from "@hono/zod-openapi";
import { GOAL_NAME } from "../../domain/goals";
import { historyOf } from "../../storage/conversion-history";
import { listConversions } from "../../storage/conversion-lists";
import { getConversion } from "../../storage/conversions";
import { cursorKey, getOr404, pageJson } from "./answers";
import { conversionsCsv } from "./conversion-export";
import {
  ConversionSchema,
  ConversionWithHistory,
  conversionJson,
  historyJson,
} from "./conversion-schemas";
import { From, To } from "./date-range";
import { adminRouter, commonErrors, ListQuery, pageOf, readRoute } from "./route-kit";
import { HexId, IdParam } from "./schemas";

export const conversionsApi = adminRouter();
const tags = ["Conversions"];

conversionsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List conversions, newest first; `format=csv` exports every match as CSV",
    request: {
      query: ListQuery.extend({
        program_id: HexId.optional(),
        status: z.enum(["pending", "approved", "refused"]).optional(),
        goal: z.string().regex(GOAL_NAME).optional(),
        from: From.optional(),
        to: To.optional(),
        format: z.enum(["json", "csv"]).default("json").openapi({
          description:
            '`csv`: the matching conversions as `text/csv` (a header row, streamed), up to 100,000 a response; a longer export answers `Link: <…>; rel="next"` (and `X-Next-Cursor`) for its next part',
        }),
      }),
    },
    responses: {
      200: {
        content: {
          "application/json": { schema: pageOf(ConversionSchema) },
          "text/csv": { schema: z.string() },
        },
        description: "A page, or the CSV export",
      },
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const filters = {
      programId: q.program_id ?? null,
      status: q.status ?? null,
      goal: q.goal ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
    };
    const after = cursorKey(q.cursor, 2);
    if (q.format === "csv")
      return (await conversionsCsv(c.env.DB, filters, after, c.req.url)) as never;
    const page = await listConversions(c.env.DB, filters, q.limit, after);
    return c.json(pageJson(page, conversionJson), 200);
  },
);

conversionsApi.openapi(
  readRoute({
    tags,
    summary: "Read one conversion, with its history of changes",
    params: IdParam,
    item: ConversionWithHistory,
    description: "The conversion and its history",
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const [conversion, history] = await Promise.all([
      getConversion(c.env.DB, id),
      historyOf(c.env.DB, id),
    ]);
    return c.json(
      { ...conversionJson(getOr404(conversion, "conversion")), history: history.map(historyJson) },
      200,
    );
  },
);
