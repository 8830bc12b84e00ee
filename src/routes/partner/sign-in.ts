import { createRoute, z } from "@hono/zod-openapi";
import { mayChangeFromHere } from "../../auth/same-origin";
import { INVITE_PREFIX, isCredential } from "../../domain/partner-credentials";
import { ApiError } from "../../errors";
import { redeemInvite } from "../../partner/invite";
import { startSession } from "../../partner/session";
import { jsonBody, jsonResponse } from "../admin/route-kit";
import { partnerErrors, partnerRouter } from "./partner-kit";

/** `/api/partner/sign-in/invite`: an invite's token, once, for a session cookie. */
export const inviteSignInApi = partnerRouter();
const tags = ["Partner: sign-in"];

export const PartnerMe = z
  .object({ id: z.string(), name: z.string(), email: z.string().nullable() })
  .openapi("PartnerIdentity");

inviteSignInApi.openapi(
  createRoute({
    method: "post",
    path: "/invite",
    tags,
    summary: "Sign in with an invite's token (the URL's `#invite=` part), once",
    security: [],
    request: { body: jsonBody(z.object({ token: z.string().max(100) }).strict()) },
    responses: {
      200: {
        ...jsonResponse(z.object({ partner: PartnerMe }), "Signed in; the cookie is set"),
        headers: z.object({ "Set-Cookie": z.string() }),
      },
      ...partnerErrors,
    },
  }),
  async (c) => {
    // A forged sign-in (another site posting its own invite) would sign the victim in as
    // someone else: same rule as any cookie-borne change.
    if (!mayChangeFromHere(c.req.raw)) throw new ApiError("cross_site_request");
    const { token } = c.req.valid("json");
    const now = Date.now();
    const partner = isCredential(token, INVITE_PREFIX)
      ? await redeemInvite(c.env.DB, token, now)
      : null;
    if (!partner) throw new ApiError("invite_invalid");
    for (const cookie of await startSession(c.env, partner.id, "invite", now))
      c.header("Set-Cookie", cookie, { append: true });
    return c.json({ partner: { id: partner.id, name: partner.name, email: partner.email } }, 200);
  },
);
