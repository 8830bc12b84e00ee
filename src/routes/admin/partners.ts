import { createRoute, z } from "@hono/zod-openapi";
import type { Partner } from "../../domain/entities";
import { newId } from "../../domain/ids";
import { ApiError, invalidFields } from "../../errors";
import { newInvite } from "../../partner/invite";
import { insertInviteStatement } from "../../storage/partner-invites";
import {
  getPartner,
  insertPartner,
  listPartners,
  setPartnerDisabled,
} from "../../storage/partners";
import { publicOrigin } from "../public-origin";
import { cursorKey, getOr404, iso, pageJson } from "./answers";
import { audited } from "./audit-trail";
import {
  adminRouter,
  changeRoute,
  commonErrors,
  createItemRoute,
  jsonResponse,
  listRoute,
  readRoute,
} from "./route-kit";
import { IdParam } from "./schemas";

export const partnersApi = adminRouter();
const tags = ["Partners"];

const PartnerCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).nullable().optional(),
  })
  .strict()
  .openapi("PartnerCreate");

const PartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    disabled: z
      .boolean()
      .openapi({ description: "No portal sign-in, session or token works; links still redirect" }),
    created_at: z.string(),
  })
  .openapi("Partner");

const partnerJson = (partner: Partner) => ({
  id: partner.id,
  name: partner.name,
  email: partner.email,
  disabled: partner.disabledAt != null,
  created_at: iso(partner.createdAt),
});

export const InviteSchema = z
  .object({
    url: z.string().openapi({ description: "The one-time sign-in URL, shown this once" }),
    expires_at: z.string(),
  })
  .openapi("PartnerInvite");

partnersApi.openapi(
  createItemRoute({
    tags,
    summary: "Create a partner (affiliate, publisher)",
    body: PartnerCreate,
    item: PartnerSchema,
    description: "The partner",
  }),
  async (c) => {
    const input = c.req.valid("json");
    const now = Date.now();
    const partner: Partner = {
      id: newId(now),
      name: input.name,
      email: input.email ?? null,
      createdAt: now,
    };
    await insertPartner(c.env.DB, partner, audited(c, "create", "partner", partner.id, input));
    return c.json(partnerJson(partner), 201);
  },
);

partnersApi.openapi(
  listRoute({ tags, summary: "List partners, newest first", item: PartnerSchema }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listPartners(c.env.DB, limit, cursorKey(cursor, 2));
    return c.json(pageJson(page, partnerJson), 200);
  },
);

partnersApi.openapi(
  readRoute({
    tags,
    summary: "Read a partner",
    params: IdParam,
    item: PartnerSchema,
    description: "The partner",
  }),
  async (c) => {
    const partner = getOr404(await getPartner(c.env.DB, c.req.valid("param").id), "partner");
    return c.json(partnerJson(partner), 200);
  },
);

partnersApi.openapi(
  changeRoute({
    tags,
    summary: "Disable or enable a partner: disabling ends its sessions and unused invites",
    params: IdParam,
    body: z.object({ disabled: z.boolean() }).strict(),
    item: PartnerSchema,
    description: "The partner",
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const audit = audited(c, "update", "partner", id, input);
    const changed = await setPartnerDisabled(
      c.env.DB,
      id,
      input.disabled ? Date.now() : null,
      audit,
    );
    if (!changed) throw new ApiError("not_found");
    const partner = getOr404(await getPartner(c.env.DB, id), "partner");
    return c.json(partnerJson(partner), 200);
  },
);

partnersApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/invite",
    tags,
    summary:
      "A one-time sign-in URL for the partner's portal, valid 7 days (only its hash is kept)",
    request: { params: IdParam },
    responses: { 201: jsonResponse(InviteSchema, "The invite"), ...commonErrors },
  }),
  async (c) => {
    const partner = getOr404(await getPartner(c.env.DB, c.req.valid("param").id), "partner");
    if (partner.disabledAt != null)
      throw invalidFields({ id: "The partner is disabled: enable it before inviting it." });
    const now = Date.now();
    const origin = publicOrigin(c.env, c.req.url);
    const invite = await newInvite(origin, partner.id, c.var.operator, now);
    // The audit trail says who invited, never the URL.
    const audit = audited(c, "invite", "partner", partner.id);
    await c.env.DB.batch([insertInviteStatement(c.env.DB, invite.row), ...audit]);
    return c.json({ url: invite.url, expires_at: iso(invite.expiresAt) }, 201);
  },
);
