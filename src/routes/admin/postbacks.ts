import { z } from "@hono/zod-openapi";
import type { PostbackLogEntry } from "../../domain/entities";
import { listPostbackLog } from "../../storage/postback-log";
import { cursorKey, iso, pageJson } from "./answers";
import { adminRouter, listRoute } from "./route-kit";
import { HexId } from "./schemas";

export const postbacksApi = adminRouter();

const LogSchema = z
  .object({
    program_id: z.string(),
    received_at: z.string(),
    http_status: z.number().int(),
    outcome: z.string().openapi({
      description: "`registered`, `duplicate`, `updated`, or the error code answered",
    }),
    conversion_id: z.string().nullable(),
    fields: z
      .record(z.string(), z.string())
      .openapi({ description: "The fields received; never the key" }),
    test: z.boolean().openapi({ description: "A `test=1` postback: nothing was registered" }),
  })
  .openapi("PostbackLogEntry");

const logJson = (entry: PostbackLogEntry) => ({
  program_id: entry.programId,
  received_at: iso(entry.receivedAt),
  http_status: entry.httpStatus,
  outcome: entry.outcome,
  conversion_id: entry.conversionId,
  fields: entry.fields,
  test: entry.test ?? false,
});

postbacksApi.openapi(
  listRoute({
    tags: ["Postbacks"],
    summary: "The postback log, newest first: one program's, or every program's",
    item: LogSchema,
    query: { program_id: HexId.optional() },
  }),
  async (c) => {
    const { program_id, cursor, limit } = c.req.valid("query");
    const page = await listPostbackLog(c.env.DB, program_id ?? null, limit, cursorKey(cursor, 1));
    return c.json(pageJson(page, logJson), 200);
  },
);
