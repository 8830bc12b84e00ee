import { z } from "@hono/zod-openapi";
import type { AuditEntry } from "../../storage/audit-log";
import { listAudit } from "../../storage/audit-log";
import { cursorKey, iso, pageJson } from "./answers";
import { From, To } from "./date-range";
import { adminRouter, listRoute } from "./route-kit";

/**
 * The audit trail, read only: this router has a GET and nothing else, so every other method on
 * /api/audit answers 404 like any unknown route, and no route anywhere edits or deletes it.
 */
export const auditApi = adminRouter();

const RESOURCE_TYPES = [
  "program",
  "partner",
  "link",
  "voucher",
  "endpoint",
  "conversion",
  "dead_letters",
  "click",
  "source",
] as const;

const AuditSchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ description: "When the change was made (ISO 8601 UTC)" }),
    operator: z.string().openapi({
      description: "The Cloudflare Access email, or `admin-token`",
      example: "admin-token",
    }),
    action: z.string().openapi({
      description:
        "`create`, `update`, `delete`, `rotate_key`, `rotate_secret`, `assign`, `approve`, `refuse`, `replay` or `erase`",
    }),
    resource_type: z.enum(RESOURCE_TYPES),
    resource_id: z
      .string()
      .openapi({ description: "The resource's id; a voucher's is `<program id>:<code>`" }),
    fields: z.record(z.string(), z.unknown()).openapi({
      description: "The fields the change set and their values; a secret's value is `[secret]`",
    }),
    request_id: z.string().nullable().openapi({ description: "The change's `X-Request-Id`" }),
  })
  .openapi("AuditEntry");

const auditJson = (entry: AuditEntry) => ({
  id: entry.id,
  at: iso(entry.at),
  operator: entry.operator,
  action: entry.action,
  resource_type: entry.resourceType as (typeof RESOURCE_TYPES)[number],
  resource_id: entry.resourceId,
  fields: entry.fields,
  request_id: entry.requestId,
});

auditApi.openapi(
  listRoute({
    tags: ["Audit"],
    summary: "Every change made through the admin API, newest first (never editable)",
    item: AuditSchema,
    query: {
      operator: z
        .string()
        .max(320)
        .optional()
        .openapi({ description: "An email or `admin-token`" }),
      resource_type: z.enum(RESOURCE_TYPES).optional(),
      resource_id: z.string().max(300).optional(),
      from: From.optional(),
      to: To.optional(),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const filters = {
      operator: q.operator,
      resourceType: q.resource_type,
      resourceId: q.resource_id,
      from: q.from,
      to: q.to,
    };
    const page = await listAudit(c.env.DB, filters, q.limit, cursorKey(q.cursor, 2));
    return c.json(pageJson(page, auditJson), 200);
  },
);
