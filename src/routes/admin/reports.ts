import { createRoute, z } from "@hono/zod-openapi";
import { GOAL_NAME } from "../../domain/goals";
import { CLICK_DIMENSIONS } from "../../domain/report-dims";
import { invalidFields } from "../../errors";
import { SORTS } from "../../reports/report-page";
import { GROUP_KEYS, type GroupKey } from "../../reports/report-sql";
import { type ReportAsk, type ReportPart, runReport } from "../../reports/run-report";
import { From, To, wholeDays } from "./date-range";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";
import { HexId, LinkId } from "./schemas";

export const reportsApi = adminRouter();

export const MAX_DAYS = 366;
const isDimension = (k: GroupKey) => (CLICK_DIMENSIONS as readonly string[]).includes(k);

const GroupBy = z
  .string()
  .default("day")
  .transform((raw, ctx) => {
    const keys = raw.split(",").map((k) => k.trim());
    const bad = keys.find((k) => !(GROUP_KEYS as readonly string[]).includes(k));
    if (bad !== undefined || keys.length > 2 || new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: "custom", message: `one or two of ${GROUP_KEYS.join(", ")}` });
      return z.NEVER;
    }
    return keys as GroupKey[];
  })
  .openapi({ example: "day,country" });

export const ReportQuery = z.object({
  from: From.optional(),
  to: To.optional(),
  program_id: HexId.optional(),
  partner_id: HexId.optional(),
  link_id: LinkId.optional(),
  goal: z.string().regex(GOAL_NAME, "is not a goal name").optional(),
  group_by: GroupBy,
  sort: z.enum(SORTS).default("clicks"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, "is not a cursor of this report")
    .optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

export const ReportAnswer = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  next_cursor: z.string().nullable(),
});

/** The query judged beyond its fields: one click dimension at most, a range of whole days. */
export function reportAsk(q: z.infer<typeof ReportQuery>) {
  if (q.group_by.filter(isDimension).length > 1) {
    throw invalidFields({
      group_by: "crosses at most one of sub1…sub5, country, device and referrer (README, Reports)",
    });
  }
  const ask: ReportAsk = {
    groupBy: q.group_by,
    goal: q.goal ?? null,
    sort: q.sort,
    order: q.order,
    limit: q.limit,
    cursor: Number(q.cursor ?? 0),
    format: q.format,
  };
  return { ask, ...wholeDays(q.from, q.to, MAX_DAYS) };
}

reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Reports"],
    summary:
      "Clicks, conversions and money by day, partner, link, sub-ID, country, device, referrer or goal",
    request: { query: ReportQuery },
    responses: {
      200: jsonResponse(ReportAnswer, "One row per group; `text/csv` with format=csv"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { ask, fromDay, toDay } = reportAsk(q);
    const part: ReportPart = {
      filter: {
        fromDay,
        toDay,
        programId: q.program_id ?? null,
        partnerId: q.partner_id ?? null,
        linkId: q.link_id ?? null,
      },
    };
    const answer = await runReport(c.env, ask, [part]);
    if (answer instanceof Response) return answer as never;
    return c.json(answer, 200);
  },
);
