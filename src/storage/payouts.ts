import { type CursorKey, type Page, toPage } from "./pages";

/** Payout batches (issue 28, docs/payouts.md): a `payouts` row and its `payout_items`. */

export type PayoutStatus = "draft" | "exported" | "paid" | "cancelled";

export interface PayoutPartner {
  partner_id: string;
  total: number;
  entries: number;
}

export interface Payout {
  id: string;
  currency: string;
  minimum: number;
  status: PayoutStatus;
  total: number;
  entries: number;
  partners: PayoutPartner[];
  reference: string | null;
  createdAt: number;
  updatedAt: number;
  paidAt: number | null;
  cancelledAt: number | null;
}

interface PayoutRow {
  id: string;
  currency: string;
  minimum: number;
  status: PayoutStatus;
  total: number;
  entries: number;
  partners: string;
  reference: string | null;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
  cancelled_at: number | null;
}

const toPayout = (row: PayoutRow): Payout => ({
  id: row.id,
  currency: row.currency,
  minimum: row.minimum,
  status: row.status,
  total: row.total,
  entries: row.entries,
  partners: JSON.parse(row.partners) as PayoutPartner[],
  reference: row.reference,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  paidAt: row.paid_at,
  cancelledAt: row.cancelled_at,
});

const firstPayout = (result: D1Result | undefined) => {
  const row = result?.results[0] as PayoutRow | undefined;
  return row ? toPayout(row) : null;
};

export interface PayoutRequest {
  id: string;
  currency: string;
  minimum: number;
  /** Only these partners; null: every partner. */
  partnerIds: string[] | null;
  now: number;
}

/**
 * One D1 transaction: the payout row, then an item for every payable entry (payable now, in no
 * payout) in the currency of each partner whose payable balance reaches `minimum` and is above 0,
 * then `also` (the audit entry, written only if items were), the payout's totals, and the payout
 * row deleted again when it took nothing. The items' primary key (the entry) keeps an entry in
 * one payout at most: a racing batch that read the same entries would fail as a whole, and D1
 * runs batches one at a time, so each finds what the ones before it took already taken.
 * Answers the payout, or null when nothing was payable.
 */
export async function createPayout(
  db: D1Database,
  request: PayoutRequest,
  also: D1PreparedStatement[],
): Promise<Payout | null> {
  const { id, currency, minimum, partnerIds, now } = request;
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO payouts (id, currency, minimum, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'draft', ?4, ?4)`,
      )
      .bind(id, currency, minimum, now),
    db
      .prepare(
        `WITH payable AS (
           SELECT e.id, e.partner_id, e.amount FROM ledger_entries e
           WHERE e.currency = ?2 AND e.payable_at <= ?4
             AND (?5 IS NULL OR e.partner_id IN (SELECT value FROM json_each(?5)))
             AND NOT EXISTS (SELECT 1 FROM payout_items i WHERE i.entry_id = e.id)),
         chosen AS (
           SELECT partner_id FROM payable GROUP BY partner_id
           HAVING SUM(amount) >= ?3 AND SUM(amount) > 0)
         INSERT INTO payout_items (entry_id, payout_id, partner_id, amount)
         SELECT id, ?1, partner_id, amount FROM payable
         WHERE partner_id IN (SELECT partner_id FROM chosen)`,
      )
      .bind(id, currency, minimum, now, partnerIds ? JSON.stringify(partnerIds) : null),
    ...also,
    db
      .prepare(
        `UPDATE payouts SET
           total = (SELECT COALESCE(SUM(amount), 0) FROM payout_items WHERE payout_id = ?1),
           entries = (SELECT COUNT(*) FROM payout_items WHERE payout_id = ?1),
           partners = (SELECT json_group_array(json_object('partner_id', partner_id,
               'total', total, 'entries', entries))
             FROM (SELECT partner_id, SUM(amount) AS total, COUNT(*) AS entries
                   FROM payout_items WHERE payout_id = ?1
                   GROUP BY partner_id ORDER BY partner_id))
         WHERE id = ?1`,
      )
      .bind(id),
    db.prepare("DELETE FROM payouts WHERE id = ?1 AND entries = 0").bind(id),
    db.prepare("SELECT * FROM payouts WHERE id = ?1").bind(id),
  ]);
  return firstPayout(results[results.length - 1]);
}

export async function getPayout(db: D1Database, id: string): Promise<Payout | null> {
  const row = await db.prepare("SELECT * FROM payouts WHERE id = ?1").bind(id).first<PayoutRow>();
  return row ? toPayout(row) : null;
}

/** Payouts, newest first; optionally of one status or currency. */
export async function listPayouts(
  db: D1Database,
  filter: { status: PayoutStatus | null; currency: string | null },
  limit: number,
  after: CursorKey | null,
): Promise<Page<Payout>> {
  const { results } = await db
    .prepare(
      `SELECT * FROM payouts
       WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR currency = ?2)
         AND (?3 IS NULL OR id < ?3)
       ORDER BY id DESC LIMIT ?4`,
    )
    .bind(filter.status, filter.currency, after?.[0] ?? null, limit + 1)
    .all<PayoutRow>();
  return toPage(results, limit, (row) => [row.id], toPayout);
}

/**
 * A payout's change of status, one batch: the compare-and-set `update` first, then `also` (its
 * audit entry and whatever rides with it, each written only if the row changed), then `after`.
 * Answers whether this call made the change (false: another already decided it).
 */
export async function changePayoutStatus(
  db: D1Database,
  update: D1PreparedStatement,
  also: D1PreparedStatement[],
  after: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [changed] = await db.batch([update, ...also, ...after]);
  return changed?.meta.changes === 1;
}

/**
 * A draft or exported payout marked paid with the operator's reference (compare-and-set on its
 * status), `also` (its audit entry, and the event's outbox if any) only if it changed. Answers
 * whether it did.
 */
export async function markPayoutPaid(
  db: D1Database,
  id: string,
  reference: string,
  now: number,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const update = db
    .prepare(
      `UPDATE payouts SET status = 'paid', reference = ?2, paid_at = ?3, updated_at = ?3
       WHERE id = ?1 AND status IN ('draft', 'exported')`,
    )
    .bind(id, reference, now);
  return changePayoutStatus(db, update, also);
}

/**
 * A draft or exported payout cancelled: its items deleted, which releases their entries to the
 * next payout; the row keeps its totals for the record. Answers whether it changed.
 */
export async function cancelPayout(
  db: D1Database,
  id: string,
  now: number,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const update = db
    .prepare(
      `UPDATE payouts SET status = 'cancelled', cancelled_at = ?2, updated_at = ?2
       WHERE id = ?1 AND status IN ('draft', 'exported')`,
    )
    .bind(id, now);
  const release = db
    .prepare(
      `DELETE FROM payout_items WHERE payout_id = ?1
         AND EXISTS (SELECT 1 FROM payouts WHERE id = ?1 AND status = 'cancelled')`,
    )
    .bind(id);
  return changePayoutStatus(db, update, also, [release]);
}
