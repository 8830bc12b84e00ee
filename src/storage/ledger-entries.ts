import type { Conversion } from "../domain/conversion";
import { newId } from "../domain/ids";
import { type CursorKey, type Page, toPage } from "./pages";

/**
 * The commission ledger (issue 28, docs/payouts.md): one signed entry per change of what a
 * conversion owes its partner. An entry is written with the change that makes it, in the same
 * transaction: by registration (`registrationEntryStatement`) or by migration 0019's trigger
 * `ledger_on_update` when an update changes `conversions.ledgered`.
 */

const DAY_MS = 86_400_000;

export interface LedgerEntry {
  id: string;
  partnerId: string;
  currency: string;
  programId: string;
  conversionId: string;
  amount: number;
  payableAt: number;
  createdAt: number;
  /** The payout it is in (not cancelled), if any, and that payout's status. */
  payoutId: string | null;
  payoutStatus: string | null;
}

interface LedgerEntryRow {
  id: string;
  partner_id: string;
  currency: string;
  program_id: string;
  conversion_id: string;
  amount: number;
  payable_at: number;
  created_at: number;
  payout_id: string | null;
  payout_status: string | null;
}

const toEntry = (row: LedgerEntryRow): LedgerEntry => ({
  id: row.id,
  partnerId: row.partner_id,
  currency: row.currency,
  programId: row.program_id,
  conversionId: row.conversion_id,
  amount: row.amount,
  payableAt: row.payable_at,
  createdAt: row.created_at,
  payoutId: row.payout_id,
  payoutStatus: row.payout_status,
});

/**
 * The entry of a conversion that owes its commission when registered (approved at once), or null
 * when it owes nothing yet. It reads the row the transaction's insert wrote (so a no-op insert,
 * a duplicate, writes no entry), and is payable once the program's hold is over.
 */
export function registrationEntryStatement(
  db: D1Database,
  conversion: Conversion,
): D1PreparedStatement | null {
  if (conversion.status !== "approved" || conversion.commission === 0) return null;
  return db
    .prepare(
      `INSERT INTO ledger_entries (partner_id, id, currency, program_id, conversion_id, amount,
         payable_at, created_at)
       SELECT c.partner_id, ?2, c.commission_currency, c.program_id, c.id, c.ledgered,
         c.created_at + ${DAY_MS} * COALESCE((SELECT hold_days FROM programs WHERE id = c.program_id), 0),
         c.created_at
       FROM conversions c WHERE c.id = ?1 AND c.ledgered <> 0`,
    )
    .bind(conversion.id, newId(conversion.createdAt));
}

/** A partner's entries, newest first, each with the payout it is in (if any). */
export async function ledgerOf(
  db: D1Database,
  partnerId: string,
  limit: number,
  after: CursorKey | null,
): Promise<Page<LedgerEntry>> {
  const { results } = await db
    .prepare(
      `SELECT e.*, i.payout_id, p.status AS payout_status
       FROM ledger_entries e
       LEFT JOIN payout_items i ON i.entry_id = e.id
       LEFT JOIN payouts p ON p.id = i.payout_id
       WHERE e.partner_id = ?1 AND (?2 IS NULL OR e.id < ?2)
       ORDER BY e.id DESC LIMIT ?3`,
    )
    .bind(partnerId, after?.[0] ?? null, limit + 1)
    .all<LedgerEntryRow>();
  return toPage(results, limit, (row) => [row.id], toEntry);
}

export interface Balance {
  partnerId: string;
  currency: string;
  /** Payable now and in no payout: what the next payout takes. */
  payable: number;
  /** In no payout, but still within its program's hold. */
  held: number;
  /** In a draft or exported payout. */
  inPayouts: number;
  /** In paid payouts. */
  paid: number;
}

interface BalanceRow {
  partner_id: string;
  currency: string;
  payable: number;
  held: number;
  in_payouts: number;
  paid: number;
}

/**
 * Balances per partner and currency, sums of their entries (no currency conversion), in (partner,
 * currency) order; with `minimum`, only those whose payable balance reaches it.
 */
export async function balances(
  db: D1Database,
  filter: { currency: string | null; minimum: number | null; partnerId: string | null },
  now: number,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Balance>> {
  const { results } = await db
    .prepare(
      `SELECT e.partner_id, e.currency,
         TOTAL(CASE WHEN i.entry_id IS NULL AND e.payable_at <= ?2 THEN e.amount END) AS payable,
         TOTAL(CASE WHEN i.entry_id IS NULL AND e.payable_at > ?2 THEN e.amount END) AS held,
         TOTAL(CASE WHEN p.status IN ('draft', 'exported') THEN e.amount END) AS in_payouts,
         TOTAL(CASE WHEN p.status = 'paid' THEN e.amount END) AS paid
       FROM ledger_entries e
       LEFT JOIN payout_items i ON i.entry_id = e.id
       LEFT JOIN payouts p ON p.id = i.payout_id
       WHERE (?1 IS NULL OR e.currency = ?1) AND (?4 IS NULL OR e.partner_id = ?4)
         AND (?5 IS NULL OR (e.partner_id, e.currency) > (?5, ?6))
       GROUP BY e.partner_id, e.currency
       HAVING ?3 IS NULL OR payable >= ?3
       ORDER BY e.partner_id, e.currency LIMIT ?7`,
    )
    .bind(
      filter.currency,
      now,
      filter.minimum,
      filter.partnerId,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit + 1,
    )
    .all<BalanceRow>();
  return toPage(
    results,
    limit,
    (row) => [row.partner_id, row.currency],
    (row) => ({
      partnerId: row.partner_id,
      currency: row.currency,
      payable: row.payable,
      held: row.held,
      inPayouts: row.in_payouts,
      paid: row.paid,
    }),
  );
}
