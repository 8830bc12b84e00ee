import { createRoute } from "@hono/zod-openapi";
import { ApiError } from "../../errors";
import {
  checkedDetails,
  payoutDetailsJson,
  readPayoutDetails,
  removePayoutDetails,
  storePayoutDetails,
} from "../../payouts/payout-details";
import { jsonBody, jsonResponse } from "../admin/route-kit";
import { PayoutDetailsAnswer, PayoutDetailsInput } from "../payout-details-schemas";
import { partnerErrors, partnerRouter } from "./partner-kit";

/**
 * `/api/partner/payout-details` (issue 28): the signed-in partner's own payout details, shown
 * masked. Session only: a partner API token answers 403 `token_scope`, reads included.
 */
export const payoutDetailsApi = partnerRouter();
const tags = ["Partner: payouts"];

payoutDetailsApi.use("*", async (c, next) => {
  if (c.get("partner").via === "token") throw new ApiError("token_scope");
  await next();
});

payoutDetailsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "This partner's payout details, masked (`{method: null}` when none)",
    responses: { 200: jsonResponse(PayoutDetailsAnswer, "The masked details"), ...partnerErrors },
  }),
  async (c) => {
    const row = await readPayoutDetails(c.env.DB, c.get("partner").id);
    return c.json(payoutDetailsJson(row), 200);
  },
);

payoutDetailsApi.openapi(
  createRoute({
    method: "put",
    path: "/",
    tags,
    summary:
      "Set this partner's payout details: a PayPal email, or an IBAN, BIC and account holder " +
      "(checked, stored encrypted)",
    request: { body: jsonBody(PayoutDetailsInput) },
    responses: { 200: jsonResponse(PayoutDetailsAnswer, "The masked details"), ...partnerErrors },
  }),
  async (c) => {
    const details = await checkedDetails(c.req.valid("json"));
    const row = await storePayoutDetails(c.env, c.get("partner").id, details, Date.now());
    return c.json(payoutDetailsJson(row), 200);
  },
);

payoutDetailsApi.openapi(
  createRoute({
    method: "delete",
    path: "/",
    tags,
    summary: "Remove this partner's payout details",
    responses: { 204: { description: "Removed (or there were none)" }, ...partnerErrors },
  }),
  async (c) => {
    await removePayoutDetails(c.env, c.get("partner").id);
    return c.body(null, 204);
  },
);
