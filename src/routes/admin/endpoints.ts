import { createRoute, z } from "@hono/zod-openapi";
import { forgetEndpoints } from "../../delivery/endpoint-cache";
import { newEndpoint, patchedEndpoint } from "../../delivery/endpoint-changes";
import { urlForAudit } from "../../domain/audit-fields";
import { invalidFields } from "../../errors";
import { cancelPending } from "../../storage/deliveries";
import {
  deleteEndpoint,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  updateEndpoint,
} from "../../storage/endpoints";
import { getPartner } from "../../storage/partners";
import { getProgram } from "../../storage/programs";
import { cursorKey, getOr404, pageJson } from "./answers";
import { audited } from "./audit-trail";
import {
  EndpointCreate,
  EndpointPatch,
  EndpointSchema,
  EndpointWithSecret,
  endpointJson,
  withSecret,
} from "./endpoint-schemas";
import {
  adminRouter,
  changeRoute,
  commonErrors,
  createItemRoute,
  jsonResponse,
  listRoute,
  readRoute,
} from "./route-kit";
import { HexId, IdParam } from "./schemas";

/** Outbound postback and webhook endpoints (SPEC "Outbound postbacks and webhooks"). */
export const endpointsApi = adminRouter();
const tags = ["Endpoints"];

export const requireEndpoint = async (db: D1Database, id: string) =>
  getOr404(await getEndpoint(db, id), "endpoint");

endpointsApi.openapi(
  createItemRoute({
    tags,
    summary: "Create an endpoint; a POST endpoint's answer carries its signing secret, shown once",
    body: EndpointCreate,
    item: EndpointWithSecret,
    description: "The endpoint",
  }),
  async (c) => {
    const input = c.req.valid("json");
    const endpoint = newEndpoint(c.env, input, Date.now());
    const [partner, program] = await Promise.all([
      input.partner_id ? getPartner(c.env.DB, input.partner_id) : null,
      input.program_id ? getProgram(c.env.DB, input.program_id) : null,
    ]);
    if (input.partner_id && !partner) throw invalidFields({ partner_id: "names no partner" });
    if (input.program_id && !program) throw invalidFields({ program_id: "names no program" });
    await insertEndpoint(
      c.env.DB,
      endpoint,
      audited(c, "create", "endpoint", endpoint.id, { ...input, url: urlForAudit(input.url) }),
    );
    forgetEndpoints();
    return c.json(await withSecret(c.env, endpoint), 201);
  },
);

endpointsApi.openapi(
  listRoute({
    tags,
    summary: "List endpoints, newest first, optionally a partner's",
    item: EndpointSchema,
    query: { partner_id: HexId.optional() },
  }),
  async (c) => {
    const { cursor, limit, partner_id } = c.req.valid("query");
    const page = await listEndpoints(c.env.DB, partner_id ?? null, limit, cursorKey(cursor, 2));
    return c.json(pageJson(page, endpointJson), 200);
  },
);

endpointsApi.openapi(
  readRoute({
    tags,
    summary: "Read an endpoint",
    params: IdParam,
    item: EndpointSchema,
    description: "The endpoint",
  }),
  async (c) => c.json(endpointJson(await requireEndpoint(c.env.DB, c.req.valid("param").id)), 200),
);

endpointsApi.openapi(
  changeRoute({
    tags,
    summary:
      "Change an endpoint's url or events, or enable or disable it (enabling clears its failures)",
    params: IdParam,
    body: EndpointPatch,
    item: EndpointSchema,
    description: "The changed endpoint",
  }),
  async (c) => {
    const current = await requireEndpoint(c.env.DB, c.req.valid("param").id);
    const patch = c.req.valid("json");
    const changed = patchedEndpoint(c.env, current, patch, Date.now(), "disabled by the operator");
    const enabled = changed.enabled;
    await updateEndpoint(
      c.env.DB,
      changed,
      audited(c, "update", "endpoint", changed.id, { ...patch, url: urlForAudit(patch.url) }),
    );
    forgetEndpoints();
    if (!enabled) await cancelPending(c.env.DB, changed.id, changed.updatedAt);
    return c.json(endpointJson(changed), 200);
  },
);

endpointsApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete an endpoint; what it still had pending is cancelled",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(z.object({ id: z.string(), deleted: z.literal(true) }), "Deleted"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    getOr404(
      (await deleteEndpoint(c.env.DB, id, audited(c, "delete", "endpoint", id))) || null,
      "endpoint",
    );
    await cancelPending(c.env.DB, id, Date.now());
    forgetEndpoints();
    return c.json({ id, deleted: true as const }, 200);
  },
);
