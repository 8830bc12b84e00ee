import { createRoute, z } from "@hono/zod-openapi";
import type { Application } from "../../domain/application";
import type { Partner } from "../../domain/entities";
import { newId } from "../../domain/ids";
import { ApiError } from "../../errors";
import { newInvite } from "../../partner/invite";
import {
  approveApplication,
  getApplication,
  listApplications,
  rejectApplication,
} from "../../storage/applications";
import { publicOrigin } from "../public-origin";
import { cursorKey, getOr404, iso, pageJson } from "./answers";
import { audited } from "./audit-trail";
import { InviteSchema } from "./partners";
import { adminRouter, commonErrors, jsonBody, jsonResponse, ListQuery, pageOf } from "./route-kit";
import { HexId, IdParam } from "./schemas";

/** Applications from `/join/<program>` (issue 27): the operator lists them, approves or rejects. */
export const applicationsApi = adminRouter();
const tags = ["Applications"];

const ApplicationSchema = z
  .object({
    id: z.string(),
    program_id: z.string(),
    name: z.string(),
    email: z.string(),
    website: z.string().nullable(),
    promotion: z.string(),
    status: z.enum(["pending", "approved", "rejected"]),
    partner_id: z.string().nullable(),
    reason: z.string().nullable(),
    created_at: z.string(),
    decided_at: z.string().nullable(),
  })
  .openapi("Application");

const applicationJson = (a: Application) => ({
  id: a.id,
  program_id: a.programId,
  name: a.name,
  email: a.email,
  website: a.website,
  promotion: a.promotion,
  status: a.status,
  partner_id: a.partnerId,
  reason: a.reason,
  created_at: iso(a.createdAt),
  decided_at: a.decidedAt === null ? null : iso(a.decidedAt),
});

const decided = {
  409: {
    content: { "application/json": { schema: z.object({}).passthrough() } },
    description: "Decided already (`application_decided`)",
  },
};

applicationsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List applications, newest first",
    request: {
      query: ListQuery.extend({
        status: z.enum(["pending", "approved", "rejected"]).optional(),
        program_id: HexId.optional(),
      }),
    },
    responses: {
      200: jsonResponse(pageOf(ApplicationSchema), "A page of applications"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const filter = { status: q.status ?? null, programId: q.program_id ?? null };
    const page = await listApplications(c.env.DB, filter, q.limit, cursorKey(q.cursor, 2));
    return c.json(pageJson(page, applicationJson), 200);
  },
);

applicationsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/approve",
    tags,
    summary:
      "Approve an application: creates its partner in the program, and answers its invite " +
      "(links are the partner's or the operator's to make)",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(
        z.object({
          application: ApplicationSchema,
          partner_id: z.string(),
          invite: InviteSchema,
        }),
        "Approved",
      ),
      ...decided,
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const application = getOr404(await getApplication(c.env.DB, id), "application");
    const now = Date.now();
    const partner: Partner = {
      id: newId(now),
      name: application.name,
      email: application.email,
      createdAt: now,
    };
    const invite = await newInvite(publicOrigin(c.env, c.req.url), partner.id, c.var.operator, now);
    const audit = audited(c, "create", "partner", partner.id, { application_id: id });
    if (!(await approveApplication(c.env.DB, id, partner, invite.row, audit)))
      throw new ApiError("application_decided");
    const after = getOr404(await getApplication(c.env.DB, id), "application");
    return c.json(
      {
        application: applicationJson(after),
        partner_id: partner.id,
        invite: { url: invite.url, expires_at: iso(invite.expiresAt) },
      },
      200,
    );
  },
);

applicationsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reject",
    tags,
    summary: "Reject an application",
    request: {
      params: IdParam,
      body: {
        ...jsonBody(z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict()),
        required: false,
      },
    },
    responses: { 200: jsonResponse(ApplicationSchema, "Rejected"), ...decided, ...commonErrors },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    getOr404(await getApplication(c.env.DB, id), "application");
    const body = (c.req.valid("json") as { reason?: string } | undefined) ?? {};
    const reason = body.reason ?? null;
    const audit = audited(c, "reject", "application", id, { reason });
    if (!(await rejectApplication(c.env.DB, id, reason, Date.now(), audit)))
      throw new ApiError("application_decided");
    const after = getOr404(await getApplication(c.env.DB, id), "application");
    return c.json(applicationJson(after), 200);
  },
);
