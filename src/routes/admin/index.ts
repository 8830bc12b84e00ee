import { constantTimeEqual } from "../../domain/secrets";
import { ApiError } from "../../errors";
import { emptyBodyIsNoBody, limitBody } from "../body-limit";
import { clicksAdmin } from "./clicks";
import { adminRouter } from "./common";
import { conversionsAdmin } from "./conversions";
import { currenciesAdmin } from "./currencies";
import { links } from "./links";
import { partners } from "./partners";
import { postbacksAdmin } from "./postbacks";
import { programs } from "./programs";
import { statsAdmin } from "./stats";
import { vouchers } from "./vouchers";

export const OPENAPI_PATH = "/api/openapi.json";

/** The admin API, mounted at /api: bearer-token auth on every route but the OpenAPI document. */
export const adminApi = adminRouter();

adminApi.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
  type: "http",
  scheme: "bearer",
  description: "The Worker's ADMIN_TOKEN secret",
});

adminApi.use("*", async (c, next) => {
  c.header("Cache-Control", "no-store");
  if (c.req.path === OPENAPI_PATH && c.req.method === "GET") return next();
  const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
  const expected = c.env.ADMIN_TOKEN ?? "";
  // An unset token locks the API rather than opening it.
  if (!expected || !(await constantTimeEqual(token, expected))) {
    throw new ApiError("unauthorized", { headers: { "WWW-Authenticate": 'Bearer realm="admin"' } });
  }
  await next();
});

adminApi.use("*", limitBody, emptyBodyIsNoBody);

adminApi.route("/programs", programs);
adminApi.route("/programs", vouchers);
adminApi.route("/partners", partners);
adminApi.route("/links", links);
adminApi.route("/clicks", clicksAdmin);
adminApi.route("/conversions", conversionsAdmin);
adminApi.route("/postbacks", postbacksAdmin);
adminApi.route("/stats", statsAdmin);
adminApi.route("/currencies", currenciesAdmin);

adminApi.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "aecid-edge admin API",
    version: "1.0.0",
    description:
      "Programs, partners, links, vouchers, clicks, conversions, postback log and stats. " +
      "Amounts are integers in the currency's minor unit. Lists answer `{data, next_cursor}`.",
  },
  servers: [
    { url: "/api", description: "Paths below are relative to /api on the tracking domain" },
  ],
  security: [{ adminToken: [] }],
});
