import { createRoute, z } from "@hono/zod-openapi";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { ApiError } from "../../errors";
import { relyingParty } from "../../partner/relying-party";
import { deletePasskey, listPasskeys, type Passkey } from "../../storage/partner-passkeys";
import { getPartner } from "../../storage/partners";
import { iso } from "../admin/answers";
import { jsonBody, jsonResponse, pageOf } from "../admin/route-kit";
import { partnerErrors, partnerRouter } from "./partner-kit";
import { CeremonyOptions, CredentialId, RegistrationResponse } from "./passkey-schemas";

/**
 * `/api/partner/passkeys`: the signed-in partner's passkeys. The ceremonies, and SimpleWebAuthn
 * with them, are imported on first use: other partner routes never evaluate them.
 */
export const passkeysApi = partnerRouter();
const tags = ["Partner: passkeys"];
const registration = () => import("../../partner/passkey-registration");

const PasskeySchema = z
  .object({
    id: z.string().openapi({ description: "The credential ID, base64url" }),
    name: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi("PartnerPasskey");

const passkeyJson = (passkey: Passkey) => ({
  id: passkey.id,
  name: passkey.name,
  created_at: iso(passkey.createdAt),
  last_used_at: passkey.lastUsedAt === null ? null : iso(passkey.lastUsedAt),
});

passkeysApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "List this partner's passkeys, oldest first (at most 20: one page)",
    responses: { 200: jsonResponse(pageOf(PasskeySchema), "The passkeys"), ...partnerErrors },
  }),
  async (c) => {
    const passkeys = await listPasskeys(c.env.DB, c.get("partner").id);
    return c.json({ data: passkeys.map(passkeyJson), next_cursor: null }, 200);
  },
);

passkeysApi.openapi(
  createRoute({
    method: "post",
    path: "/options",
    tags,
    summary: "Options for `navigator.credentials.create`: a challenge for 5 minutes, used once",
    responses: { 200: jsonResponse(CeremonyOptions, "The options"), ...partnerErrors },
  }),
  async (c) => {
    const partner = await getPartner(c.env.DB, c.get("partner").id);
    if (!partner) throw new ApiError("partner_unauthorized");
    const { registrationOptions } = await registration();
    const rp = relyingParty(c.env, c.req.url);
    const { challengeId, options } = await registrationOptions(c.env.DB, rp, partner, Date.now());
    return c.json({ challenge_id: challengeId, options }, 200);
  },
);

passkeysApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Add a passkey: the answer of `navigator.credentials.create` to the options",
    request: {
      body: jsonBody(
        z
          .object({
            response: RegistrationResponse,
            name: z.string().trim().min(1).max(100).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(PasskeySchema, "The passkey"),
      ...partnerErrors,
      400: jsonResponse(
        partnerErrors[400].content["application/json"].schema,
        "A field breaks its rule (`invalid_request`, with `error.fields`); `fields.response` when " +
          "the passkey does not register: unknown, used or expired challenge, another origin, a " +
          "credential known already",
      ),
    },
  }),
  async (c) => {
    const { response, name } = c.req.valid("json");
    const { registerPasskey } = await registration();
    const passkey = await registerPasskey(
      c.env.DB,
      relyingParty(c.env, c.req.url),
      c.get("partner").id,
      response as unknown as RegistrationResponseJSON,
      name ?? "Passkey",
      Date.now(),
    );
    return c.json(passkeyJson(passkey), 201);
  },
);

passkeysApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete one of this partner's passkeys: it signs in no more",
    request: {
      params: z.object({ id: CredentialId.openapi({ param: { name: "id", in: "path" } }) }),
    },
    responses: { 204: { description: "Deleted" }, ...partnerErrors },
  }),
  async (c) => {
    const deleted = await deletePasskey(c.env.DB, c.get("partner").id, c.req.valid("param").id);
    if (!deleted) throw new ApiError("not_found");
    return c.body(null, 204);
  },
);
