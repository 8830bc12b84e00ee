import { createRoute, z } from "@hono/zod-openapi";
import { newId } from "../../domain/ids";
import { ApiError } from "../../errors";
import { getPartner, insertPartner, listPartners, type Partner } from "../../storage/partners";
import {
  adminRouter,
  commonErrors,
  cursorKey,
  IdParam,
  iso,
  jsonBody,
  jsonResponse,
  ListQuery,
  pageOf,
} from "./common";

export const partners = adminRouter();
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

partners.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Create a partner (affiliate, publisher)",
    request: { body: jsonBody(PartnerCreate) },
    responses: { 201: jsonResponse(PartnerSchema, "The partner"), ...commonErrors },
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
    await insertPartner(c.env.DB, partner);
    return c.json(partnerJson(partner), 201);
  },
);

partners.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List partners, newest first",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(pageOf(PartnerSchema), "A page of partners"), ...commonErrors },
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listPartners(c.env.DB, limit, cursorKey(cursor, 2));
    return c.json({ data: page.data.map(partnerJson), next_cursor: page.next_cursor }, 200);
  },
);

partners.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "Read a partner",
    request: { params: IdParam },
    responses: { 200: jsonResponse(PartnerSchema, "The partner"), ...commonErrors },
  }),
  async (c) => {
    const partner = await getPartner(c.env.DB, c.req.valid("param").id);
    if (!partner) throw new ApiError("not_found", { message: "No partner with this id." });
    return c.json(partnerJson(partner), 200);
  },
);
