import { ApiError } from "../../errors";
import { partnerOf } from "../../partner/partner-auth";
import { emptyBodyIsNoBody, limitBody } from "../body";
import { accountApi } from "./account";
import { conversionsApi } from "./conversions";
import { endpointsApi } from "./endpoints";
import { linksApi } from "./links";
import { partnerRouter } from "./partner-kit";
import { passkeySignInApi } from "./passkey-sign-in";
import { passkeysApi } from "./passkeys";
import { payoutDetailsApi } from "./payout-details";
import { payoutsApi } from "./payouts";
import { programsApi } from "./programs";
import { reportsApi } from "./reports";
import { inviteSignInApi } from "./sign-in";
import { tokensApi } from "./tokens";

export const PARTNER_OPENAPI_PATH = "/api/partner/openapi.json";

/**
 * The partner API, mounted at /api/partner (issue 27): every route speaks for one partner, the
 * one its session cookie or token names, and reads only that partner's data. Sign-in routes and
 * the OpenAPI document are the only ones open.
 */
export const partnerApi = partnerRouter();

partnerApi.openAPIRegistry.registerComponent("securitySchemes", "partnerSession", {
  type: "apiKey",
  in: "cookie",
  name: "aecid_partner",
  description: "The portal's session cookie, set by a sign-in (invite or passkey)",
});
partnerApi.openAPIRegistry.registerComponent("securitySchemes", "partnerToken", {
  type: "http",
  scheme: "bearer",
  description: "A partner API token (`pt_…`): reads, and creates links",
});

// What a token may change: links only. Everything else that changes is the signed-in person's.
const TOKEN_MAY_POST = new Set(["/api/partner/links"]);

partnerApi.use("*", async (c, next) => {
  c.header("Cache-Control", "no-store");
  const path = c.req.path;
  if (path === PARTNER_OPENAPI_PATH || path.startsWith("/api/partner/sign-in/")) return next();
  const partner = await partnerOf(c.req.raw, c.env, Date.now());
  const reads = c.req.method === "GET" || c.req.method === "HEAD";
  if (partner.via === "token" && !reads && !(c.req.method === "POST" && TOKEN_MAY_POST.has(path)))
    throw new ApiError("token_scope");
  c.set("partner", partner);
  await next();
  for (const cookie of partner.renewCookies) c.header("Set-Cookie", cookie, { append: true });
});

partnerApi.use("*", limitBody, emptyBodyIsNoBody);

partnerApi.route("/sign-in", inviteSignInApi);
partnerApi.route("/", accountApi);
partnerApi.route("/tokens", tokensApi);
partnerApi.route("/passkeys", passkeysApi);
partnerApi.route("/sign-in/passkey", passkeySignInApi);
partnerApi.route("/programs", programsApi);
partnerApi.route("/links", linksApi);
partnerApi.route("/reports", reportsApi);
partnerApi.route("/conversions", conversionsApi);
partnerApi.route("/endpoints", endpointsApi);
partnerApi.route("/payouts", payoutsApi);
partnerApi.route("/payout-details", payoutDetailsApi);

partnerApi.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "aecid-edge partner API",
    version: "1.0.0",
    description:
      "A partner's own programs, links, reports, conversions, postback endpoints and payouts. " +
      "Any ID " +
      "that is not this partner's answers 404. Amounts are integers in the currency's minor unit.",
  },
  servers: [{ url: "/api/partner", description: "Paths below are relative to /api/partner" }],
  security: [{ partnerSession: [] }, { partnerToken: [] }],
});
