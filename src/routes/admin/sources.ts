import { createRoute, z } from "@hono/zod-openapi";
import { newId } from "../../domain/ids";
import { rotated, type Source, sealContext } from "../../domain/sources";
import { invalidFields } from "../../errors";
import { seal, sourceKeyProblem } from "../../platform/secret-box";
import { getProgram } from "../../storage/programs";
import {
  deleteSource,
  getSource,
  insertSource,
  listSources,
  updateSource,
} from "../../storage/sources";
import { publicOrigin } from "../public-origin";
import { cursorKey, getOr404, pageJson } from "./answers";
import { audited } from "./audit-trail";
import { adminRouter, commonErrors, jsonBody, jsonResponse, listRoute } from "./route-kit";
import { IdParam } from "./schemas";
import {
  SourceCreate,
  SourceParams,
  SourcePatch,
  SourceSchema,
  sourceJson,
} from "./source-schemas";

/** Mounted under /programs: a program's conversion sources (SPEC "Conversion sources"). */
export const sourcesApi = adminRouter();
const tags = ["Sources"];

/** The source, only under its own program: another program's id answers 404 like none. */
async function requireSource(db: D1Database, programId: string, id: string): Promise<Source> {
  const source = await getSource(db, id);
  return getOr404(source?.programId === programId ? source : null, "source");
}

function requireKey(env: Env): void {
  const problem = sourceKeyProblem(env);
  if (problem) throw invalidFields({ signing_secret: `cannot be stored: ${problem}` });
}

sourcesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/sources",
    tags,
    summary: "Add a Stripe or Shopify webhook as a conversion source; answers the URL to paste",
    request: { params: IdParam, body: jsonBody(SourceCreate) },
    responses: { 201: jsonResponse(SourceSchema, "The source"), ...commonErrors },
  }),
  async (c) => {
    const programId = c.req.valid("param").id;
    const input = c.req.valid("json");
    getOr404(await getProgram(c.env.DB, programId), "program");
    if (input.type === "stripe" && input.amount_basis !== undefined)
      throw invalidFields({ amount_basis: "is for Shopify sources only" });
    requireKey(c.env);
    const now = Date.now();
    const id = newId(now);
    const source: Source = {
      id,
      programId,
      type: input.type,
      enabled: input.enabled ?? true,
      secret: await seal(c.env, input.signing_secret, sealContext(id)),
      previousSecret: null,
      previousSecretExpiresAt: null,
      amountBasis: input.type === "shopify" ? (input.amount_basis ?? "subtotal") : null,
      createdAt: now,
      updatedAt: now,
    };
    await insertSource(
      c.env.DB,
      source,
      audited(c, "create", "source", id, { programId, ...input }),
    );
    return c.json(sourceJson(source, publicOrigin(c.env, c.req.url), now), 201);
  },
);

sourcesApi.openapi(
  listRoute({
    tags,
    summary: "List a program's conversion sources, newest first",
    item: SourceSchema,
    path: "/{id}/sources",
    params: IdParam,
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const programId = c.req.valid("param").id;
    const page = await listSources(c.env.DB, programId, limit, cursorKey(cursor, 2));
    const origin = publicOrigin(c.env, c.req.url);
    return c.json(
      pageJson(page, (s) => sourceJson(s, origin)),
      200,
    );
  },
);

sourcesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/sources/{sourceId}",
    tags,
    summary: "Read a conversion source",
    request: { params: SourceParams },
    responses: { 200: jsonResponse(SourceSchema, "The source"), ...commonErrors },
  }),
  async (c) => {
    const { id, sourceId } = c.req.valid("param");
    const source = await requireSource(c.env.DB, id, sourceId);
    return c.json(sourceJson(source, publicOrigin(c.env, c.req.url)), 200);
  },
);

sourcesApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}/sources/{sourceId}",
    tags,
    summary:
      "Enable or disable a source, rotate its signing secret (the old one verifies 24 h more), or change Shopify's amount basis",
    request: { params: SourceParams, body: jsonBody(SourcePatch) },
    responses: { 200: jsonResponse(SourceSchema, "The changed source"), ...commonErrors },
  }),
  async (c) => {
    const { id, sourceId } = c.req.valid("param");
    const patch = c.req.valid("json");
    const current = await requireSource(c.env.DB, id, sourceId);
    if (current.type === "stripe" && patch.amount_basis !== undefined)
      throw invalidFields({ amount_basis: "is for Shopify sources only" });
    const now = Date.now();
    let changed: Source = {
      ...current,
      enabled: patch.enabled ?? current.enabled,
      amountBasis: patch.amount_basis ?? current.amountBasis,
      updatedAt: now,
    };
    if (patch.signing_secret !== undefined) {
      requireKey(c.env);
      const secret = await seal(c.env, patch.signing_secret, sealContext(sourceId));
      changed = rotated(changed, secret, now);
    }
    const action = patch.signing_secret !== undefined ? "rotate_secret" : "update";
    const trail = audited(c, action, "source", sourceId, patch);
    getOr404((await updateSource(c.env.DB, changed, trail)) || null, "source");
    return c.json(sourceJson(changed, publicOrigin(c.env, c.req.url), now), 200);
  },
);

sourcesApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}/sources/{sourceId}",
    tags,
    summary: "Delete a source: its URL answers 404 from now on",
    request: { params: SourceParams },
    responses: {
      200: jsonResponse(z.object({ id: z.string(), deleted: z.literal(true) }), "Deleted"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id, sourceId } = c.req.valid("param");
    const trail = audited(c, "delete", "source", sourceId);
    getOr404((await deleteSource(c.env.DB, id, sourceId, trail)) || null, "source");
    return c.json({ id: sourceId, deleted: true as const }, 200);
  },
);
