import { createRoute } from "@hono/zod-openapi";
import { forgetEndpoints } from "../../delivery/endpoint-cache";
import { sendTest } from "../../delivery/test-delivery";
import { invalidFields } from "../../errors";
import { updateEndpoint } from "../../storage/endpoints";
import { audited } from "./audit-trail";
import { AttemptSchema, EndpointWithSecret, withSecret } from "./endpoint-schemas";
import { requireEndpoint } from "./endpoints";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";
import { IdParam } from "./schemas";

/** What an operator does to an endpoint beyond editing it: send a test, rotate its secret. */
export const endpointActionsApi = adminRouter();
const tags = ["Endpoints"];

endpointActionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/test",
    tags,
    summary: "Send a test event to the endpoint now (logged as a `test` attempt)",
    request: { params: IdParam },
    responses: { 200: jsonResponse(AttemptSchema, "The attempt"), ...commonErrors },
  }),
  async (c) => {
    const endpoint = await requireEndpoint(c.env.DB, c.req.valid("param").id);
    const result = await sendTest(c.env, endpoint);
    return c.json(
      {
        ok: result.ok,
        http_status: result.httpStatus,
        error: result.error,
        duration_ms: result.durationMs,
        response: result.response,
      },
      200,
    );
  },
);

endpointActionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/rotate-secret",
    tags,
    summary: "A new signing secret for a POST endpoint, shown this once; the old one stops at once",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(EndpointWithSecret, "The endpoint and its new secret"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const current = await requireEndpoint(c.env.DB, c.req.valid("param").id);
    if (current.method !== "POST") throw invalidFields({ method: "only POST endpoints sign" });
    const rotated = {
      ...current,
      secretGeneration: current.secretGeneration + 1,
      updatedAt: Date.now(),
    };
    await updateEndpoint(
      c.env.DB,
      rotated,
      audited(c, "rotate_secret", "endpoint", rotated.id, { signing_secret: "rotated" }),
    );
    forgetEndpoints();
    return c.json(await withSecret(c.env, rotated), 200);
  },
);
