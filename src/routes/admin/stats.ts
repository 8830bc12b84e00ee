import { createRoute, z } from "@hono/zod-openapi";
import { daysBetween, reportRows } from "../../domain/report";
import { invalidFields } from "../../errors";
import { type GroupBy, moneyBy, trafficBy } from "../../storage/stats";
import { adminRouter, commonErrors, HexId, jsonResponse } from "./common";

export const statsAdmin = adminRouter();

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((day) => {
    const parsed = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(day);
  }, "is not a real date");

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

statsAdmin.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Stats"],
    summary: "Clicks, bot hits, impressions, conversions and money per partner, day or link",
    request: {
      query: z.object({
        program_id: HexId.optional(),
        from: Day.optional().openapi({
          description: "First UTC day, inclusive (default: 29 days before `to`)",
        }),
        to: Day.optional().openapi({ description: "Last UTC day, inclusive (default: today)" }),
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
    const toDay = q.to ?? new Date().toISOString().slice(0, 10);
    const fromDay =
      q.from ??
      new Date(Date.parse(`${toDay}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    if (fromDay > toDay) throw invalidFields({ from: "must not be after to" });
    const days = daysBetween(fromDay, toDay);
    if (days.length > MAX_DAYS)
      throw invalidFields({ from: `the range must be at most ${MAX_DAYS} days` });
    const range = { programId: q.program_id ?? null, fromDay, toDay };
    const [traffic, money] = await Promise.all([
      trafficBy(c.env.DB, q.group_by, range),
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
