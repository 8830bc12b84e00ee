import { z } from "@hono/zod-openapi";
import type { DeliveryAttempt } from "../../domain/outbound";
import { listAttempts } from "../../storage/delivery-attempts";
import { cursorKey, iso, pageJson } from "./answers";
import { adminRouter, listRoute } from "./route-kit";
import { HexId } from "./schemas";

/** The delivery log: every attempt of every outbound delivery, newest first. */
export const deliveriesApi = adminRouter();

export const AttemptLogSchema = z
  .object({
    endpoint_id: z.string(),
    delivery_id: z.string().openapi({ description: "The webhook-id, the same on every attempt" }),
    event: z.string(),
    conversion_id: z.string().nullable(),
    attempt: z.number().int(),
    attempted_at: z.string(),
    http_status: z.number().int().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
    response: z.string().nullable().openapi({ description: "The first 256 characters" }),
    outcome: z.enum(["delivered", "retrying", "failed", "test"]),
  })
  .openapi("DeliveryAttempt");

export const attemptJson = (a: DeliveryAttempt) => ({
  endpoint_id: a.endpointId,
  delivery_id: a.deliveryId,
  event: a.event,
  conversion_id: a.conversionId,
  attempt: a.attempt,
  attempted_at: iso(a.attemptedAt),
  http_status: a.httpStatus,
  error: a.error,
  duration_ms: a.durationMs,
  response: a.response,
  outcome: a.outcome,
});

deliveriesApi.openapi(
  listRoute({
    tags: ["Endpoints"],
    summary: "The delivery log, newest first: an endpoint's, a conversion's, or all",
    item: AttemptLogSchema,
    query: { endpoint_id: HexId.optional(), conversion_id: HexId.optional() },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const page = await listAttempts(
      c.env.DB,
      { endpointId: q.endpoint_id ?? null, conversionId: q.conversion_id ?? null },
      q.limit,
      cursorKey(q.cursor, 1),
    );
    return c.json(pageJson(page, attemptJson), 200);
  },
);
