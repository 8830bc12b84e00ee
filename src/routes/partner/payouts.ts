import { createRoute, z } from "@hono/zod-openapi";
import { notOurs } from "../../partner/partner-scope";
import { statementResponse } from "../../payouts/statement-answer";
import { type PayoutShare, partnerPayout, partnerPayouts } from "../../storage/partner-payouts";
import { shareLines } from "../../storage/payout-statements";
import { getPayout } from "../../storage/payouts";
import { cursorKey, iso, pageJson } from "../admin/answers";
import { jsonResponse, ListQuery, pageOf, readRoute } from "../admin/route-kit";
import { IdParam } from "../admin/schemas";
import { errorResponse, partnerErrors, partnerRouter } from "./partner-kit";

/**
 * `/api/partner/payouts` (issue 28): this partner's share of each payout that holds its entries
 * (never a cancelled one), its items, and its statement once paid. Another's payout is a 404.
 */
export const payoutsApi = partnerRouter();
const tags = ["Partner: payouts"];
const MinorUnits = z.number().int().openapi({ description: "Minor units of the currency" });

const PartnerPayout = z
  .object({
    id: z.string(),
    currency: z.string(),
    status: z.enum(["draft", "exported", "paid"]),
    total: MinorUnits.openapi({ description: "This partner's share, minor units" }),
    entries: z.number().int(),
    reference: z.string().nullable(),
    created_at: z.string(),
    paid_at: z.string().nullable(),
    statement_number: z.number().int().nullable(),
  })
  .openapi("PartnerPayout");

const PartnerPayoutWithItems = PartnerPayout.extend({
  items: z.array(
    z.object({
      entry_id: z.string(),
      conversion_id: z.string(),
      program_id: z.string(),
      amount: MinorUnits,
      kind: z.enum(["commission", "clawback"]),
    }),
  ),
}).openapi("PartnerPayoutWithItems");

const shareJson = (s: PayoutShare) => ({
  id: s.id,
  currency: s.currency,
  status: s.status as "draft" | "exported" | "paid",
  total: s.total,
  entries: s.entries,
  reference: s.reference,
  created_at: iso(s.createdAt),
  paid_at: s.paidAt === null ? null : iso(s.paidAt),
  statement_number: s.statementNumber,
});

async function ownShare(db: D1Database, partnerId: string, id: string) {
  const share = await partnerPayout(db, partnerId, id);
  if (!share) throw notOurs();
  return share;
}

payoutsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "This partner's payouts (its share of each), newest first; cancelled ones are not shown",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(pageOf(PartnerPayout), "A page of payouts"), ...partnerErrors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const page = await partnerPayouts(
      c.env.DB,
      c.get("partner").id,
      q.limit,
      cursorKey(q.cursor, 2),
    );
    return c.json(pageJson(page, shareJson), 200);
  },
);

payoutsApi.openapi(
  readRoute({
    tags,
    summary: "One of this partner's payouts: its share, and the ledger entries in it",
    params: IdParam,
    item: PartnerPayoutWithItems,
    description: "The payout",
    errors: partnerErrors,
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const partnerId = c.get("partner").id;
    const share = await ownShare(c.env.DB, partnerId, id);
    const lines = await shareLines(c.env.DB, id, partnerId);
    const items = lines.map((l) => ({
      entry_id: l.entryId,
      conversion_id: l.conversionId,
      program_id: l.programId,
      amount: l.amount,
      kind: l.amount < 0 ? ("clawback" as const) : ("commission" as const),
    }));
    return c.json({ ...shareJson(share), items }, 200);
  },
);

payoutsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/statement",
    tags,
    summary: "This partner's statement of a paid payout: a printable HTML page",
    request: { params: IdParam },
    responses: {
      200: {
        content: { "text/html": { schema: z.string() } },
        description: "The statement page (no script; its CSP allows its own style only)",
      },
      409: errorResponse("The payout is not paid yet (`statement_not_issued`)"),
      ...partnerErrors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const partnerId = c.get("partner").id;
    await ownShare(c.env.DB, partnerId, id);
    const payout = await getPayout(c.env.DB, id);
    if (!payout) throw notOurs();
    return (await statementResponse(c.env, payout, partnerId)) as never;
  },
);
