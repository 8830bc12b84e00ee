import { createRoute, z } from "@hono/zod-openapi";
import { daysBetween, reportRows } from "../../domain/report";
import { type GroupBy, moneyBy, trafficBy } from "../../storage/stats";
import { From, To, wholeDays } from "./date-range";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";
import { HexId } from "./schemas";

export const statsApi = adminRouter();

const MAX_DAYS = 366;
const KEY_NAME: Record<GroupBy, "partner_id" | "day" | "link_id"> = {
  partner: "partner_id",
  day: "day",
  link: "link_id",
};

const StatsRow = z
  .object({
    partner_id: z.string().nullable().optional(),
    day: z.string().optional(),
    link_id: z.string().nullable().optional(),
    clicks: z.number().int(),
    bot_hits: z.number().int(),
    impressions: z.number().int(),
    conversions: z.number().int().openapi({ description: "Refused conversions excluded" }),
    conversion_rate: z.number().openapi({ description: "conversions ÷ clicks, 0 without clicks" }),
    revenue: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Minor units per currency" }),
    commission: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Minor units per currency" }),
  })
  .openapi("StatsRow");

statsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Stats"],
    summary: "Clicks, bot hits, impressions, conversions and money per partner, day or link",
    request: {
      query: z.object({
        program_id: HexId.optional(),
        from: From.optional().openapi({
          description:
            "First UTC day, inclusive (a day, or a midnight UTC instant; default: 29 days before `to`)",
        }),
        to: To.optional().openapi({
          description:
            "Last UTC day, inclusive (or a midnight UTC instant, exclusive; default: today)",
        }),
        group_by: z.enum(["partner", "day", "link"]).default("day"),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ data: z.array(StatsRow) }), "One row per group"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { fromDay, toDay } = wholeDays(q.from, q.to, MAX_DAYS);
    const days = daysBetween(fromDay, toDay);
    const range = { programId: q.program_id ?? null, fromDay, toDay };
    const [traffic, money] = await Promise.all([
      trafficBy(c.env, q.group_by, range),
      moneyBy(c.env.DB, q.group_by, range),
    ]);
    const name = KEY_NAME[q.group_by];
    const data = reportRows(traffic, money, q.group_by === "day" ? days : undefined).map(
      ({ key, ...figures }) => ({
        [name]: key,
        ...figures,
      }),
    );
    return c.json({ data }, 200);
  },
);
