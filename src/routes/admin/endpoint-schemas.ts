import { z } from "@hono/zod-openapi";
import { signingSecret } from "../../delivery/signing";
import { MACROS } from "../../domain/macros";
import { type Endpoint, EVENT_TYPES } from "../../domain/outbound";
import { iso } from "./answers";
import { HexId } from "./schemas";

const Url = z
  .string()
  .max(2048)
  .openapi({
    description: `https on a public host. GET: macros ${MACROS.map((m) => `{${m}}`).join(" ")}`,
    example: "https://tracker.partner.example/postback?clickid={sub1}&payout={commission}",
  });
const Events = z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length);

export const EndpointCreate = z
  .object({
    url: Url,
    method: z.enum(["GET", "POST"]),
    events: Events,
    partner_id: HexId.nullable().optional(),
    program_id: HexId.nullable().optional(),
  })
  .strict()
  .openapi("EndpointCreate");

export const EndpointPatch = z
  .object({ url: Url, events: Events, enabled: z.boolean() })
  .partial()
  .strict()
  .openapi("EndpointPatch");

export const EndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    method: z.enum(["GET", "POST"]),
    events: z.array(z.string()),
    partner_id: z.string().nullable(),
    program_id: z.string().nullable(),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Endpoint");

export const EndpointWithSecret = EndpointSchema.extend({
  secret: z.string().optional().openapi({
    description:
      "POST endpoints: the whsec_ signing secret, shown this once (rotate to get another)",
  }),
}).openapi("EndpointWithSecret");

export const AttemptSchema = z
  .object({
    ok: z.boolean(),
    http_status: z.number().int().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
    response: z.string().nullable(),
  })
  .openapi("DeliveryTest");

export const endpointJson = (e: Endpoint) => ({
  id: e.id,
  url: e.url,
  method: e.method,
  events: e.events,
  partner_id: e.partnerId,
  program_id: e.programId,
  enabled: e.enabled,
  disabled_reason: e.disabledReason,
  created_at: iso(e.createdAt),
  updated_at: iso(e.updatedAt),
});

/** The endpoint's answer at creation or rotation: a POST endpoint's secret, this once. */
export async function withSecret(env: Env, endpoint: Endpoint) {
  const secret = await signingSecret(env, endpoint);
  return secret ? { ...endpointJson(endpoint), secret } : endpointJson(endpoint);
}
