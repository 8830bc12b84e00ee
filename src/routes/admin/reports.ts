import { createRoute, z } from "@hono/zod-openapi";
import { csvRow } from "../../domain/csv";
import { GOAL_NAME } from "../../domain/goals";
import { CLICK_DIMENSIONS } from "../../domain/report-dims";
import { invalidFields } from "../../errors";
import { csvCells, csvHeader, pageOf, rowJson, SORTS, sortRows } from "../../reports/report-page";
import { reportRows } from "../../reports/report-rows";
import { GROUP_KEYS, type GroupKey, readRollups } from "../../reports/report-sql";
import { everyClickDb, MAIN_DB } from "../../storage/shards";
import { From, To, wholeDays } from "./date-range";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";
import { HexId, LinkId } from "./schemas";

export const reportsApi = adminRouter();

const MAX_DAYS = 366;
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

reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Reports"],
    summary:
      "Clicks, conversions and money by day, partner, link, sub-ID, country, device, referrer or goal",
    request: {
      query: z.object({
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
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          data: z.array(z.record(z.string(), z.unknown())),
          next_cursor: z.string().nullable(),
        }),
        "One row per group; `text/csv` with format=csv",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    if (q.group_by.filter(isDimension).length > 1) {
      throw invalidFields({
        group_by:
          "crosses at most one of sub1…sub5, country, device and referrer (README, Reports)",
      });
    }
    const { fromDay, toDay } = wholeDays(q.from, q.to, MAX_DAYS);
    const filter = {
      fromDay,
      toDay,
      programId: q.program_id ?? null,
      partnerId: q.partner_id ?? null,
      linkId: q.link_id ?? null,
    };
    const shards = everyClickDb(c.env).filter(({ binding }) => binding !== MAIN_DB);
    const parts = await Promise.all(
      [c.env.DB, ...shards.map((s) => s.db)].map((db) => readRollups(db, q.group_by, filter)),
    );
    const rows = sortRows(reportRows(parts.flat(), q.group_by, q.goal ?? null), q.sort, q.order);
    if (q.format === "csv") {
      const body = [
        csvRow(csvHeader(q.group_by)),
        ...rows.map((r) => csvRow(csvCells(r, q.group_by))),
      ];
      return new Response(body.join(""), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="report-${fromDay}-${toDay}.csv"`,
          "Cache-Control": "no-store",
        },
      }) as never;
    }
    const page = pageOf(rows, q.limit, Number(q.cursor ?? 0));
    return c.json(
      { data: page.data.map((r) => rowJson(r, q.group_by)), next_cursor: page.next_cursor },
      200,
    );
  },
);
