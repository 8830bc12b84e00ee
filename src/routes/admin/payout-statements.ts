import { createRoute, z } from "@hono/zod-openapi";
import { statementResponse } from "../../payouts/statement-answer";
import { getPayout } from "../../storage/payouts";
import { getOr404 } from "./answers";
import { adminRouter, commonErrors, errorResponse } from "./route-kit";
import { HexId } from "./schemas";

/** `GET /api/payouts/:id/statements/:partnerId` (issue 28): a partner's statement, printable. */
export const payoutStatementsApi = adminRouter();

payoutStatementsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/statements/{partnerId}",
    tags: ["Payouts"],
    summary:
      "A partner's statement of a paid payout: a printable HTML page (number, date, payer, " +
      "partner, reference, each ledger entry, total)",
    request: { params: z.object({ id: HexId, partnerId: HexId }) },
    responses: {
      200: {
        content: { "text/html": { schema: z.string() } },
        description: "The statement page (no script; its CSP allows its own style only)",
      },
      409: errorResponse("The payout is not paid yet (`statement_not_issued`)"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id, partnerId } = c.req.valid("param");
    const payout = getOr404(await getPayout(c.env.DB, id), "payout");
    if (!payout.partners.some((p) => p.partner_id === partnerId))
      throw getOr404(null, "partner in this payout");
    return (await statementResponse(c.env, payout, partnerId)) as never;
  },
);
