import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../../errors";
import { endEverySession, endSession } from "../../partner/session";
import { getPartner } from "../../storage/partners";
import { jsonResponse } from "../admin/route-kit";
import { partnerErrors, partnerRouter } from "./partner-kit";
import { PartnerMe } from "./sign-in";

/** `/api/partner/me` and signing out: the signed-in partner's own account. */
export const accountApi = partnerRouter();
const tags = ["Partner: account"];
const signedOut = { 204: { description: "Signed out; the cookie is cleared" }, ...partnerErrors };

accountApi.openapi(
  createRoute({
    method: "get",
    path: "/me",
    tags,
    summary: "Who is signed in, and by which credential",
    responses: {
      200: jsonResponse(
        PartnerMe.extend({ signed_in_via: z.enum(["session", "token"]) }),
        "The partner",
      ),
      ...partnerErrors,
    },
  }),
  async (c) => {
    const signedIn = c.get("partner");
    const partner = await getPartner(c.env.DB, signedIn.id);
    if (!partner) throw new ApiError("partner_unauthorized");
    const { id, name, email } = partner;
    return c.json({ id, name, email, signed_in_via: signedIn.via }, 200);
  },
);

accountApi.openapi(
  createRoute({
    method: "post",
    path: "/sign-out",
    tags,
    summary: "Sign out here",
    responses: signedOut,
  }),
  async (c) => {
    const { sessionHash } = c.get("partner");
    if (sessionHash === null) throw new ApiError("token_scope");
    for (const cookie of await endSession(c.env, sessionHash))
      c.header("Set-Cookie", cookie, { append: true });
    return c.body(null, 204);
  },
);

accountApi.openapi(
  createRoute({
    method: "post",
    path: "/sign-out-everywhere",
    tags,
    summary: "End every session of this partner, this one too (API tokens stay)",
    responses: signedOut,
  }),
  async (c) => {
    const partner = c.get("partner");
    for (const cookie of await endEverySession(c.env, partner.id))
      c.header("Set-Cookie", cookie, { append: true });
    return c.body(null, 204);
  },
);
