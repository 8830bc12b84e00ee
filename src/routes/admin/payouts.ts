import { createRoute, z } from "@hono/zod-openapi";
import { newId } from "../../domain/ids";
import { ApiError } from "../../errors";
import { payPayout } from "../../payouts/mark-paid";
import { balances, ledgerOf } from "../../storage/ledger-entries";
import { getPartner } from "../../storage/partners";
import {
  cancelPayout,
  createPayout,
  getPayout,
  listPayouts,
  type Payout,
} from "../../storage/payouts";
import { cursorKey, getOr404, iso, pageJson } from "./answers";
import { audited } from "./audit-trail";
import {
  adminRouter,
  commonErrors,
  errorResponse,
  jsonBody,
  jsonResponse,
  ListQuery,
  listRoute,
  pageOf,
  readRoute,
} from "./route-kit";
import { Currency, HexId, IdParam } from "./schemas";

/**
 * Payouts (issue 28, docs/payouts.md): the commission ledger's balances, a partner's ledger, and
 * payout batches (create, list, read, mark paid, cancel). Amounts are minor units.
 */
const tags = ["Payouts"];
const MinorUnits = z.number().int().openapi({ description: "Minor units of the currency" });
const STATUSES = ["draft", "exported", "paid", "cancelled"] as const;

const PayoutSchema = z
  .object({
    id: z.string(),
    currency: z.string(),
    minimum: MinorUnits,
    status: z.enum(STATUSES),
    total: MinorUnits,
    entries: z.number().int(),
    partners: z.array(
      z.object({ partner_id: z.string(), total: MinorUnits, entries: z.number().int() }),
    ),
    reference: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    paid_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
  })
  .openapi("Payout");

const payoutJson = (p: Payout) => ({
  id: p.id,
  currency: p.currency,
  minimum: p.minimum,
  status: p.status,
  total: p.total,
  entries: p.entries,
  partners: p.partners,
  reference: p.reference,
  created_at: iso(p.createdAt),
  updated_at: iso(p.updatedAt),
  paid_at: p.paidAt === null ? null : iso(p.paidAt),
  cancelled_at: p.cancelledAt === null ? null : iso(p.cancelledAt),
});

export const payoutsApi = adminRouter();

payoutsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary:
      "Create a payout: in one transaction, every payable entry in `currency` of each partner " +
      "(of `partner_ids`, else all) whose payable balance reaches `minimum` and is above 0",
    request: {
      body: jsonBody(
        z
          .object({
            currency: Currency,
            minimum: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
            partner_ids: z.array(HexId).min(1).max(1000).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(PayoutSchema, "The payout (draft) with its totals per partner"),
      409: errorResponse("No partner's payable balance reaches the minimum (`nothing_payable`)"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const now = Date.now();
    const id = newId(now);
    const request = {
      id,
      currency: body.currency,
      minimum: body.minimum,
      partnerIds: body.partner_ids ?? null,
      now,
    };
    const audit = audited(c, "create", "payout", id, {
      currency: body.currency,
      minimum: body.minimum,
      partner_ids: body.partner_ids ?? null,
    });
    const payout = await createPayout(c.env.DB, request, audit);
    if (!payout) throw new ApiError("nothing_payable");
    return c.json(payoutJson(payout), 201);
  },
);

payoutsApi.openapi(
  listRoute({
    tags,
    summary: "List payouts, newest first",
    item: PayoutSchema,
    query: { status: z.enum(STATUSES).optional(), currency: Currency.optional() },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const filter = { status: q.status ?? null, currency: q.currency ?? null };
    const page = await listPayouts(c.env.DB, filter, q.limit, cursorKey(q.cursor, 1));
    return c.json(pageJson(page, payoutJson), 200);
  },
);

payoutsApi.openapi(
  readRoute({
    tags,
    summary: "One payout with its totals per partner",
    params: IdParam,
    item: PayoutSchema,
    description: "The payout",
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(payoutJson(getOr404(await getPayout(c.env.DB, id), "payout")), 200);
  },
);

payoutsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/paid",
    tags,
    summary:
      "Mark a draft or exported payout paid, with the operator's reference: in the same " +
      "transaction, one statement per partner (numbered 1, 2, 3 … without gaps) and the " +
      "`payout.paid` deliveries of each partner's share",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ reference: z.string().trim().min(1).max(200) }).strict()),
    },
    responses: {
      200: jsonResponse(PayoutSchema, "Paid"),
      409: errorResponse("Paid or cancelled already (`payout_decided`)"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { reference } = c.req.valid("json");
    getOr404(await getPayout(c.env.DB, id), "payout");
    const audit = audited(c, "paid", "payout", id, { reference });
    if (!(await payPayout(c.env, id, reference, Date.now(), audit)))
      throw new ApiError("payout_decided");
    return c.json(payoutJson(getOr404(await getPayout(c.env.DB, id), "payout")), 200);
  },
);

payoutsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/cancel",
    tags,
    summary:
      "Cancel a draft or exported payout: its entries are released to the next payout; the " +
      "payout keeps its totals for the record",
    request: { params: IdParam },
    responses: {
      200: jsonResponse(PayoutSchema, "Cancelled"),
      409: errorResponse("Paid or cancelled already (`payout_decided`)"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    getOr404(await getPayout(c.env.DB, id), "payout");
    const audit = audited(c, "cancel", "payout", id);
    if (!(await cancelPayout(c.env.DB, id, Date.now(), audit)))
      throw new ApiError("payout_decided");
    return c.json(payoutJson(getOr404(await getPayout(c.env.DB, id), "payout")), 200);
  },
);

const BalanceSchema = z
  .object({
    partner_id: z.string(),
    currency: z.string(),
    payable: MinorUnits.openapi({ description: "Payable now and in no payout" }),
    held: MinorUnits.openapi({ description: "In no payout, within its program's hold" }),
    in_payouts: MinorUnits.openapi({ description: "In draft or exported payouts" }),
    paid: MinorUnits.openapi({ description: "In paid payouts" }),
  })
  .openapi("Balance");

/** `GET /api/balances`: per partner and currency, sums of the ledger's entries. */
export const balancesApi = adminRouter();

balancesApi.openapi(
  listRoute({
    tags,
    summary:
      "Balances per partner and currency (no currency conversion), in partner order; " +
      "`minimum`: only those whose payable balance reaches it",
    item: BalanceSchema,
    query: {
      currency: Currency.optional(),
      minimum: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      partner_id: HexId.optional(),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const filter = {
      currency: q.currency ?? null,
      minimum: q.minimum ?? null,
      partnerId: q.partner_id ?? null,
    };
    const page = await balances(c.env.DB, filter, Date.now(), q.limit, cursorKey(q.cursor, 2));
    return c.json(
      pageJson(page, (b) => ({
        partner_id: b.partnerId,
        currency: b.currency,
        payable: b.payable,
        held: b.held,
        in_payouts: b.inPayouts,
        paid: b.paid,
      })),
      200,
    );
  },
);

const EntrySchema = z
  .object({
    id: z.string(),
    partner_id: z.string(),
    currency: z.string(),
    program_id: z.string(),
    conversion_id: z.string(),
    amount: MinorUnits.openapi({ description: "Signed: a commission, or a clawback (negative)" }),
    kind: z.enum(["commission", "clawback"]),
    payable_at: z.string(),
    created_at: z.string(),
    payout_id: z.string().nullable(),
    payout_status: z.enum(STATUSES).nullable(),
  })
  .openapi("LedgerEntry");

/** `GET /api/partners/:id/ledger`, mounted beside the partners' routes. */
export const ledgerApi = adminRouter();

ledgerApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/ledger",
    tags,
    summary: "A partner's ledger entries, newest first, each with the payout it is in",
    request: { params: IdParam, query: ListQuery },
    responses: { 200: jsonResponse(pageOf(EntrySchema), "A page of entries"), ...commonErrors },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    getOr404(await getPartner(c.env.DB, id), "partner");
    const page = await ledgerOf(c.env.DB, id, q.limit, cursorKey(q.cursor, 1));
    return c.json(
      pageJson(page, (e) => ({
        id: e.id,
        partner_id: e.partnerId,
        currency: e.currency,
        program_id: e.programId,
        conversion_id: e.conversionId,
        amount: e.amount,
        kind: e.amount < 0 ? ("clawback" as const) : ("commission" as const),
        payable_at: iso(e.payableAt),
        created_at: iso(e.createdAt),
        payout_id: e.payoutId,
        payout_status: e.payoutStatus as (typeof STATUSES)[number] | null,
      })),
      200,
    );
  },
);
