import { createRoute, z } from "@hono/zod-openapi";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { admitAddress } from "../../auth/address-limit";
import { mayChangeFromHere } from "../../auth/same-origin";
import { ID_PATTERN } from "../../domain/ids";
import { ApiError } from "../../errors";
import { relyingParty } from "../../partner/relying-party";
import { startSession } from "../../partner/session";
import { getPartner } from "../../storage/partners";
import { jsonBody, jsonResponse } from "../admin/route-kit";
import { errorResponse, partnerErrors, partnerRouter } from "./partner-kit";
import { AuthenticationResponse, CeremonyOptions } from "./passkey-schemas";
import { PartnerMe } from "./sign-in";

/**
 * `/api/partner/sign-in/passkey`: a discoverable passkey signs its partner in. Open, as every
 * sign-in route is; the ceremony (and SimpleWebAuthn) is imported on first use.
 */
export const passkeySignInApi = partnerRouter();
const tags = ["Partner: sign-in"];
const ceremony = () => import("../../partner/passkey-sign-in");

/**
 * Another site must not sign this browser in, even as someone real: a forged sign-in could post
 * an answer made with the forger's own passkey, and the victim would then work in the forger's
 * account. The same rule as the invite's.
 */
function fromHere(request: Request): void {
  if (!mayChangeFromHere(request)) throw new ApiError("cross_site_request");
}

/** Sign-in challenges one address may ask for a minute: each is a D1 row for 5 minutes. */
export const SIGN_IN_OPTIONS_PER_MINUTE = 30;

/** The limiter's verdict for this address (keyed daily hash, never the IP): a 429 past it. */
async function admitted(c: { env: Env; req: { header(name: string): string | undefined } }) {
  const ip = c.req.header("CF-Connecting-IP");
  const verdict = await admitAddress(c.env, "partner-sign-in", ip, SIGN_IN_OPTIONS_PER_MINUTE);
  if (verdict === true) return;
  throw new ApiError("rate_limited", {
    message: "Too many sign-in attempts from this address; retry later.",
    headers: { "Retry-After": String(verdict.retryAfterSeconds) },
  });
}

passkeySignInApi.openapi(
  createRoute({
    method: "post",
    path: "/options",
    tags,
    summary: "Options for `navigator.credentials.get`: a challenge for 5 minutes, used once",
    security: [],
    responses: {
      200: jsonResponse(CeremonyOptions, "The options"),
      ...partnerErrors,
      429: errorResponse(
        `More than ${SIGN_IN_OPTIONS_PER_MINUTE} a minute from one address (\`rate_limited\`)`,
      ),
    },
  }),
  async (c) => {
    fromHere(c.req.raw);
    await admitted(c);
    const { signInOptions } = await ceremony();
    const rp = relyingParty(c.env, c.req.url);
    const { challengeId, options } = await signInOptions(c.env.DB, rp, Date.now());
    return c.json({ challenge_id: challengeId, options }, 200);
  },
);

passkeySignInApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Sign in with a passkey: the answer of `navigator.credentials.get` to the options",
    security: [],
    request: {
      body: jsonBody(
        z.object({ challenge_id: z.string().max(64), response: AuthenticationResponse }).strict(),
      ),
    },
    responses: {
      200: {
        ...jsonResponse(z.object({ partner: PartnerMe }), "Signed in; the cookie is set"),
        headers: z.object({ "Set-Cookie": z.string() }),
      },
      ...partnerErrors,
      401: jsonResponse(
        partnerErrors[401].content["application/json"].schema,
        "The passkey does not sign in: unknown, used or expired challenge, unknown passkey, " +
          "disabled partner, another origin, a signature that does not verify (`passkey_invalid`)",
      ),
    },
  }),
  async (c) => {
    fromHere(c.req.raw);
    const { challenge_id: challengeId, response } = c.req.valid("json");
    if (!ID_PATTERN.test(challengeId)) throw new ApiError("passkey_invalid");
    const { verifySignIn } = await ceremony();
    const now = Date.now();
    const partnerId = await verifySignIn(
      c.env.DB,
      relyingParty(c.env, c.req.url),
      challengeId.toLowerCase(),
      response as unknown as AuthenticationResponseJSON,
      now,
    );
    const partner = await getPartner(c.env.DB, partnerId);
    if (!partner) throw new ApiError("passkey_invalid");
    for (const cookie of await startSession(c.env, partner.id, "passkey", now))
      c.header("Set-Cookie", cookie, { append: true });
    return c.json({ partner: { id: partner.id, name: partner.name, email: partner.email } }, 200);
  },
);
