import type { Context } from "hono";
import { Hono } from "hono/tiny";
import type { AppEnv } from "./app-env";
import { errorAnswer, notFoundAnswer } from "./fallback-answers";
import { postbackRoutes } from "./postbacks";
import { visitorRoutes } from "./visitors";

/**
 * Every route but the fast path of `GET /c/<link ID>` (app.ts loads this module on the first
 * such request). The admin API, with zod-openapi and its OpenAPI document, is loaded on the first
 * `/api` request only: a postback's isolate never evaluates it. It runs as its own Hono app
 * mounted at /api, with the same last-resort answers, so its routes, auth and errors are as when
 * it was mounted here.
 */
export const router = new Hono<AppEnv>();

type AdminApp = Hono<AppEnv>;
let adminApp: Promise<AdminApp> | undefined;

function loadAdminApp(): Promise<AdminApp> {
  adminApp ??= import("./admin").then(
    ({ adminApi }) =>
      new Hono<AppEnv>().route("/api", adminApi).notFound(notFoundAnswer).onError(errorAnswer),
    (error: unknown) => {
      adminApp = undefined; // the next request tries again
      throw error;
    },
  );
  return adminApp;
}

let partnerApp: Promise<AdminApp> | undefined;

// The partner portal's API (issue 27): its own app, its own credentials, loaded on first use.
function loadPartnerApp(): Promise<AdminApp> {
  partnerApp ??= import("./partner").then(
    ({ partnerApi }) =>
      new Hono<AppEnv>()
        .route("/api/partner", partnerApi)
        .notFound(notFoundAnswer)
        .onError(errorAnswer),
    (error: unknown) => {
      partnerApp = undefined;
      throw error;
    },
  );
  return partnerApp;
}

const toPartnerApp = async (c: Context<AppEnv>) =>
  (await loadPartnerApp()).fetch(c.req.raw, c.env, c.executionCtx);
router.all("/api/partner", toPartnerApp);
router.all("/api/partner/*", toPartnerApp);
router.all("/api/*", async (c) => (await loadAdminApp()).fetch(c.req.raw, c.env, c.executionCtx));
// Conversion sources' webhooks and the Shopify snippet, loaded on first use, as the admin API is.
router.all("/sources/*", async (c) => {
  const { sourceApp } = await import("./sources");
  return sourceApp.fetch(c.req.raw, c.env, c.executionCtx);
});
// A program's application form (issue 27), loaded on first use too.
router.all("/join/*", async (c) => {
  const { joinApp } = await import("./join");
  return joinApp.fetch(c.req.raw, c.env, c.executionCtx);
});
router.route("/", visitorRoutes);
router.route("/", postbackRoutes);

router.notFound(notFoundAnswer);
router.onError(errorAnswer);
