import { type CursorKey, type Page, toPage } from "./pages";
import type { PayoutStatus } from "./payouts";

/**
 * A partner's share of the payouts that hold its entries (issue 28, `/api/partner/payouts`):
 * the payout's `partners` totals (kept whatever happens later), never a cancelled payout, and
 * the statement's number once paid. Payouts are few (one per batch), so the list walks them
 * newest first (by creation time, to the millisecond) and keeps those naming the partner.
 */
export interface PayoutShare {
  id: string;
  currency: string;
  status: PayoutStatus;
  total: number;
  entries: number;
  reference: string | null;
  createdAt: number;
  paidAt: number | null;
  statementNumber: number | null;
}

interface ShareRow {
  id: string;
  currency: string;
  status: PayoutStatus;
  total: number;
  entries: number;
  reference: string | null;
  created_at: number;
  paid_at: number | null;
  statement_number: number | null;
}

const toShare = (r: ShareRow): PayoutShare => ({
  id: r.id,
  currency: r.currency,
  status: r.status,
  total: r.total,
  entries: r.entries,
  reference: r.reference,
  createdAt: r.created_at,
  paidAt: r.paid_at,
  statementNumber: r.statement_number,
});

const SHARES = `SELECT p.id, p.currency, p.status, j.value ->> 'total' AS total,
    j.value ->> 'entries' AS entries, p.reference, p.created_at, p.paid_at,
    s.number AS statement_number
  FROM payouts p, json_each(p.partners) j
  LEFT JOIN payout_statements s ON s.payout_id = p.id AND s.partner_id = ?1
  WHERE j.value ->> 'partner_id' = ?1 AND p.status <> 'cancelled'`;

export async function partnerPayouts(
  db: D1Database,
  partnerId: string,
  limit: number,
  after: CursorKey | null,
): Promise<Page<PayoutShare>> {
  const { results } = await db
    .prepare(
      `${SHARES} AND (?2 IS NULL OR (p.created_at, p.id) < (?2, ?3))
       ORDER BY p.created_at DESC, p.id DESC LIMIT ?4`,
    )
    .bind(partnerId, after?.[0] ?? null, after?.[1] ?? null, limit + 1)
    .all<ShareRow>();
  return toPage(results, limit, (row) => [row.created_at, row.id], toShare);
}

/** The partner's share of one payout, or null: none of its entries, cancelled, or no such payout. */
export async function partnerPayout(
  db: D1Database,
  partnerId: string,
  payoutId: string,
): Promise<PayoutShare | null> {
  const row = await db
    .prepare(`${SHARES} AND p.id = ?2`)
    .bind(partnerId, payoutId)
    .first<ShareRow>();
  return row ? toShare(row) : null;
}
