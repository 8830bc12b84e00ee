import { OpenAPIHono } from "@hono/zod-openapi";
import { errorResponse } from "../admin/route-kit";
import type { PartnerEnv } from "../app-env";
import { rejectInvalid } from "../validation";

/** How partner routes are declared: the same zod-failure-to-400 hook as the admin API's. */
export function partnerRouter() {
  return new OpenAPIHono<PartnerEnv>({ defaultHook: rejectInvalid });
}

export { errorResponse };

/** The error answers every partner route can give, for the OpenAPI document. */
export const partnerErrors = {
  400: errorResponse("A field breaks its rule (`invalid_request`, with `error.fields`)"),
  401: errorResponse("Not signed in, or no valid partner token (`partner_unauthorized`)"),
  403: errorResponse(
    "A cookie-borne change from another origin (`cross_site_request`), or a token's scope " +
      "does not cover it (`token_scope`)",
  ),
  404: errorResponse("None of this partner's (`not_found`): another's answers the same"),
  503: errorResponse("Storage unavailable (`temporarily_unavailable`)"),
} as const;
