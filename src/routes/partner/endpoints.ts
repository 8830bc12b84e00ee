import { createRoute, z } from "@hono/zod-openapi";
import {
  changePartnerEndpoint,
  createPartnerEndpoint,
  deletePartnerEndpoint,
} from "../../partner/partner-endpoints";
import { ownEndpoint } from "../../partner/partner-scope";
import { listAttempts } from "../../storage/delivery-attempts";
import { listEndpoints } from "../../storage/endpoints";
import { cursorKey, pageJson } from "../admin/answers";
import { AttemptLogSchema, attemptJson } from "../admin/deliveries";
import {
  EndpointCreate,
  EndpointPatch,
  EndpointSchema,
  EndpointWithSecret,
  endpointJson,
  withSecret,
} from "../admin/endpoint-schemas";
import {
  changeRoute,
  createItemRoute,
  jsonResponse,
  listRoute,
  readRoute,
} from "../admin/route-kit";
import { IdParam } from "../admin/schemas";
import { partnerErrors, partnerRouter } from "./partner-kit";

/**
 * `/api/partner/endpoints`: this partner's outbound postbacks. It sees and manages every endpoint
 * whose `partner_id` is its own, the operator's for it too; they fire for its conversions only.
 */
export const endpointsApi = partnerRouter();
const tags = ["Partner: postback endpoints"];
const errors = partnerErrors;

const PartnerEndpointCreate = EndpointCreate.omit({ partner_id: true }).openapi(
  "PartnerEndpointCreate",
);

endpointsApi.openapi(
  createItemRoute({
    tags,
    summary:
      "Create a postback endpoint for this partner's conversions (optionally of one of its " +
      "programs); a POST endpoint's answer carries its signing secret, shown once",
    body: PartnerEndpointCreate,
    item: EndpointWithSecret,
    description: "The endpoint",
    errors,
  }),
  async (c) => {
    const endpoint = await createPartnerEndpoint(c.env, c.get("partner").id, c.req.valid("json"));
    return c.json(await withSecret(c.env, endpoint), 201);
  },
);

endpointsApi.openapi(
  listRoute({
    tags,
    summary: "This partner's endpoints, newest first",
    item: EndpointSchema,
    errors,
  }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listEndpoints(c.env.DB, c.get("partner").id, limit, cursorKey(cursor, 2));
    return c.json(pageJson(page, endpointJson), 200);
  },
);

endpointsApi.openapi(
  readRoute({
    tags,
    summary: "Read one of this partner's endpoints",
    params: IdParam,
    item: EndpointSchema,
    description: "The endpoint",
    errors,
  }),
  async (c) => {
    const endpoint = await ownEndpoint(c.env.DB, c.get("partner").id, c.req.valid("param").id);
    return c.json(endpointJson(endpoint), 200);
  },
);

endpointsApi.openapi(
  changeRoute({
    tags,
    summary: "Change an endpoint's url or events, or enable or disable it",
    params: IdParam,
    body: EndpointPatch,
    item: EndpointSchema,
    description: "The changed endpoint",
    errors,
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const changed = await changePartnerEndpoint(
      c.env,
      c.get("partner").id,
      id,
      c.req.valid("json"),
    );
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
      ...errors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await deletePartnerEndpoint(c.env, c.get("partner").id, id);
    return c.json({ id, deleted: true as const }, 200);
  },
);

endpointsApi.openapi(
  listRoute({
    tags,
    path: "/{id}/deliveries",
    summary: "The endpoint's delivery log, newest first: every attempt, as the admin's",
    item: AttemptLogSchema,
    params: IdParam,
    errors,
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await ownEndpoint(c.env.DB, c.get("partner").id, id);
    const { cursor, limit } = c.req.valid("query");
    const filters = { endpointId: id, conversionId: null };
    const page = await listAttempts(c.env.DB, filters, limit, cursorKey(cursor, 1));
    return c.json(pageJson(page, attemptJson), 200);
  },
);
