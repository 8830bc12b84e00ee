import { operatorOf } from "../../auth/operator";
import { emptyBodyIsNoBody, limitBody } from "../body";
import { applicationsApi } from "./applications";
import { auditApi } from "./audit";
import { clicksApi } from "./clicks";
import { conversionDecisionsApi } from "./conversion-decisions";
import { conversionsApi } from "./conversions";
import { currenciesApi } from "./currencies";
import { deadLettersApi } from "./dead-letters";
import { deliveriesApi } from "./deliveries";
import { endpointActionsApi } from "./endpoint-actions";
import { endpointsApi } from "./endpoints";
import { linksApi } from "./links";
import { partnersApi } from "./partners";
import { partnerPayoutDetailsApi, payerSettingsApi, payoutExportApi } from "./payout-files";
import { payoutStatementsApi } from "./payout-statements";
import { balancesApi, ledgerApi, payoutsApi } from "./payouts";
import { postbacksApi } from "./postbacks";
import { programsApi } from "./programs";
import { reportsApi } from "./reports";
import { adminRouter } from "./route-kit";
import { sourcesApi } from "./sources";
import { statsApi } from "./stats";
import { vouchersApi } from "./vouchers";

export const OPENAPI_PATH = "/api/openapi.json";

/** The admin API, mounted at /api: bearer-token auth on every route but the OpenAPI document. */
export const adminApi = adminRouter();

adminApi.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
  type: "http",
  scheme: "bearer",
  description: "The Worker's ADMIN_TOKEN secret",
});
adminApi.openAPIRegistry.registerComponent("securitySchemes", "cloudflareAccess", {
  type: "apiKey",
  in: "header",
  name: "Cf-Access-Jwt-Assertion",
  description:
    "A Cloudflare Access JWT (or the `CF_Authorization` cookie), when ACCESS_TEAM_DOMAIN and " +
    "ACCESS_AUD are set; its `email` is the operator",
});

adminApi.use("*", async (c, next) => {
  c.header("Cache-Control", "no-store");
  if (c.req.path === OPENAPI_PATH && c.req.method === "GET") return next();
  c.set("operator", await operatorOf(c.req.raw, c.env));
  await next();
});

adminApi.use("*", limitBody, emptyBodyIsNoBody);

adminApi.route("/programs", programsApi);
adminApi.route("/programs", vouchersApi);
adminApi.route("/programs", sourcesApi);
adminApi.route("/partners", partnersApi);
adminApi.route("/partners", ledgerApi);
adminApi.route("/partners", partnerPayoutDetailsApi);
adminApi.route("/applications", applicationsApi);
adminApi.route("/links", linksApi);
adminApi.route("/clicks", clicksApi);
adminApi.route("/conversions", conversionsApi);
adminApi.route("/conversions", conversionDecisionsApi);
adminApi.route("/postbacks", postbacksApi);
adminApi.route("/stats", statsApi);
adminApi.route("/reports", reportsApi);
adminApi.route("/currencies", currenciesApi);
adminApi.route("/dead-letters", deadLettersApi);
adminApi.route("/endpoints", endpointsApi);
adminApi.route("/endpoints", endpointActionsApi);
adminApi.route("/deliveries", deliveriesApi);
adminApi.route("/audit", auditApi);
adminApi.route("/payouts", payoutsApi);
adminApi.route("/payouts", payoutStatementsApi);
adminApi.route("/payouts", payoutExportApi);
adminApi.route("/payout-settings", payerSettingsApi);
adminApi.route("/balances", balancesApi);

adminApi.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "aecid-edge admin API",
    version: "1.0.0",
    description:
      "Programs, conversion sources, partners, links, vouchers, clicks, conversions, postback log, stats and the " +
      "audit trail. " +
      "Amounts are integers in the currency's minor unit. Lists answer `{data, next_cursor}`.",
  },
  servers: [
    { url: "/api", description: "Paths below are relative to /api on the tracking domain" },
  ],
  security: [{ adminToken: [] }, { cloudflareAccess: [] }],
});
