import { createRoute, z } from "@hono/zod-openapi";
import { newId } from "../../domain/ids";
import { newCredential, TOKEN_PREFIX } from "../../domain/partner-credentials";
import { sha256Hex } from "../../domain/secrets";
import { ApiError } from "../../errors";
import {
  deleteToken,
  insertToken,
  listTokens,
  type PartnerToken,
} from "../../storage/partner-tokens";
import { cursorKey, iso, pageJson } from "../admin/answers";
import { jsonBody, jsonResponse, ListQuery, pageOf } from "../admin/route-kit";
import { IdParam } from "../admin/schemas";
import { partnerErrors, partnerRouter } from "./partner-kit";

/** `/api/partner/tokens`: a partner's API tokens (read, and create links), shown once. */
export const tokensApi = partnerRouter();
const tags = ["Partner: API tokens"];

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi("PartnerToken");

const tokenJson = (token: PartnerToken) => ({
  id: token.id,
  name: token.name,
  created_at: iso(token.createdAt),
  last_used_at: token.lastUsedAt === null ? null : iso(token.lastUsedAt),
});

tokensApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List this partner's API tokens, newest first (never the tokens themselves)",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(pageOf(TokenSchema), "A page of tokens"), ...partnerErrors },
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listTokens(c.env.DB, c.get("partner").id, limit, cursorKey(cursor, 2));
    return c.json(pageJson(page, tokenJson), 200);
  },
);

tokensApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Create an API token: answered this once, kept only as its hash",
    request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) }).strict()) },
    responses: {
      201: jsonResponse(TokenSchema.extend({ token: z.string() }), "The token, shown once"),
      ...partnerErrors,
    },
  }),
  async (c) => {
    const now = Date.now();
    const secret = newCredential(TOKEN_PREFIX);
    const token: PartnerToken = {
      id: newId(now),
      partnerId: c.get("partner").id,
      name: c.req.valid("json").name,
      createdAt: now,
      lastUsedAt: null,
    };
    await insertToken(c.env.DB, { ...token, tokenHash: await sha256Hex(secret) });
    return c.json({ ...tokenJson(token), token: secret }, 201);
  },
);

tokensApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete (revoke) one of this partner's tokens",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...partnerErrors },
  }),
  async (c) => {
    const deleted = await deleteToken(c.env.DB, c.get("partner").id, c.req.valid("param").id);
    if (!deleted) throw new ApiError("not_found");
    return c.body(null, 204);
  },
);
