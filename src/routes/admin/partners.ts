import { z } from "@hono/zod-openapi";
import type { Partner } from "../../domain/entities";
import { newId } from "../../domain/ids";
import { getPartner, insertPartner, listPartners } from "../../storage/partners";
import { cursorKey, getOr404, iso, pageJson } from "./answers";
import { audited } from "./audit-trail";
import { adminRouter, createItemRoute, listRoute, readRoute } from "./route-kit";
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
    created_at: z.string(),
  })
  .openapi("Partner");

const partnerJson = (partner: Partner) => ({
  id: partner.id,
  name: partner.name,
  email: partner.email,
  created_at: iso(partner.createdAt),
});

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
