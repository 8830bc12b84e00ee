import { Hono } from "hono/tiny";
import { trackImpression } from "../click/impression";
import { trackClick } from "../click/redirect";
import type { AppEnv } from "./app-env";

/** The visitor's side: tracking links (`/c/:linkId`) and impression pixels (`/i/:linkId`). */
export const visitorRoutes = new Hono<AppEnv>();

visitorRoutes.get("/c/:linkId", (c) =>
  trackClick(c.req.raw, c.env, c.executionCtx, c.req.param("linkId")),
);

visitorRoutes.get("/i/:linkId", (c) =>
  trackImpression(c.req.raw, c.env, c.executionCtx, c.req.param("linkId")),
);
