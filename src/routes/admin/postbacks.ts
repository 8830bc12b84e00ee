import { createRoute, z } from "@hono/zod-openapi";
import { listPostbackLog, type PostbackLogEntry } from "../../storage/postback-log";
import {
  adminRouter,
  commonErrors,
  cursorKey,
  HexId,
  iso,
  jsonResponse,
  ListQuery,
  pageOf,
} from "./common";

export const postbacksAdmin = adminRouter();

const LogSchema = z
  .object({
    program_id: z.string(),
    received_at: z.string(),
    http_status: z.number().int(),
    outcome: z
      .string()
      .openapi({ description: "`registered`, `duplicate`, or the error code answered" }),
    conversion_id: z.string().nullable(),
    fields: z
      .record(z.string(), z.string())
      .openapi({ description: "The fields received; never the key" }),
  })
  .openapi("PostbackLogEntry");

const logJson = (entry: PostbackLogEntry) => ({
  program_id: entry.programId,
  received_at: iso(entry.receivedAt),
  http_status: entry.httpStatus,
  outcome: entry.outcome,
  conversion_id: entry.conversionId,
  fields: entry.fields,
});

postbacksAdmin.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Postbacks"],
    summary: "The postback log, newest first: one program's, or every program's",
    request: { query: ListQuery.extend({ program_id: HexId.optional() }) },
    responses: { 200: jsonResponse(pageOf(LogSchema), "A page of the log"), ...commonErrors },
  }),
  async (c) => {
    const { program_id, cursor, limit } = c.req.valid("query");
    const page = await listPostbackLog(c.env.DB, program_id ?? null, limit, cursorKey(cursor, 1));
    return c.json({ data: page.data.map(logJson), next_cursor: page.next_cursor }, 200);
  },
);
