import { createRoute } from "@hono/zod-openapi";
import { partnerReportParts } from "../../partner/partner-reports";
import { runReport } from "../../reports/run-report";
import { ReportAnswer, ReportQuery, reportAsk } from "../admin/reports";
import { jsonResponse } from "../admin/route-kit";
import { partnerErrors, partnerRouter } from "./partner-kit";

/** `/api/partner/reports`: GET /api/reports's query and answer over this partner's traffic. */
export const reportsApi = partnerRouter();

reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Partner: reports"],
    summary:
      "This partner's clicks, conversions and commission, as GET /api/reports answers them. " +
      "`partner_id` may only be this partner's own; another's program, link or partner is a " +
      "404. `revenue` counts only programs with `partners_see_amounts` on",
    request: { query: ReportQuery },
    responses: {
      200: jsonResponse(ReportAnswer, "One row per group; `text/csv` with format=csv"),
      ...partnerErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { ask, fromDay, toDay } = reportAsk(q);
    const parts = await partnerReportParts(c.env.DB, c.get("partner").id, q, { fromDay, toDay });
    const answer = await runReport(c.env, ask, parts);
    if (answer instanceof Response) return answer as never;
    return c.json(answer, 200);
  },
);
