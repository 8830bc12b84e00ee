/**
 * Payout statements (issue 28, docs/payouts.md, migration 0021): one per partner of a paid
 * payout, numbered 1, 2, 3 … without gaps across every payout, and the lines a statement lists.
 */

export interface Statement {
  number: number;
  payoutId: string;
  partnerId: string;
  currency: string;
  total: number;
  entries: number;
  issuedAt: number;
  /** As they were when it was issued (null: issued before they were kept). */
  partnerName: string | null;
  payer: string | null;
  programNames: Record<string, string> | null;
}

interface StatementRow {
  number: number;
  payout_id: string;
  partner_id: string;
  currency: string;
  total: number;
  entries: number;
  issued_at: number;
  partner_name: string | null;
  payer: string | null;
  program_names: string | null;
}

const toStatement = (row: StatementRow): Statement => ({
  number: row.number,
  payoutId: row.payout_id,
  partnerId: row.partner_id,
  currency: row.currency,
  total: row.total,
  entries: row.entries,
  issuedAt: row.issued_at,
  partnerName: row.partner_name,
  payer: row.payer,
  programNames: row.program_names ? JSON.parse(row.program_names) : null,
});

/**
 * Numbers every paid payout that has no statements yet: one per partner, after the highest number
 * so far, in paid order and partner order within a payout. Batched right after the payout's paid
 * write, so the payment and its statements are one transaction; D1 runs one batch at a time, so
 * no two batches can take the same numbers. Paid payouts left out (paid by the previous release
 * during the deploy window) are numbered by the next run. Running it again changes nothing.
 */
export function issueStatementsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO payout_statements (number, payout_id, partner_id, currency, total, entries,
       issued_at, partner_name, payer, program_names)
     SELECT (SELECT COALESCE(MAX(number), 0) FROM payout_statements)
         + ROW_NUMBER() OVER (ORDER BY p.paid_at, p.id, i.partner_id),
       p.id, i.partner_id, p.currency, SUM(i.amount), COUNT(*), p.paid_at,
       (SELECT name FROM partners WHERE id = i.partner_id),
       (SELECT nullif(trim(debtor_name), '') FROM payout_settings LIMIT 1),
       (SELECT json_group_object(pr.id, pr.name) FROM programs pr WHERE pr.id IN (
          SELECT e.program_id FROM payout_items x
          JOIN ledger_entries e ON e.partner_id = x.partner_id AND e.id = x.entry_id
          WHERE x.payout_id = p.id AND x.partner_id = i.partner_id))
     FROM payouts p JOIN payout_items i ON i.payout_id = p.id
     WHERE p.status = 'paid'
       AND NOT EXISTS (SELECT 1 FROM payout_statements s WHERE s.payout_id = p.id)
     GROUP BY p.id, i.partner_id`,
  );
}

/** The same, on its own: a statement read finds one the previous release's payment left out. */
export async function issueMissingStatements(db: D1Database): Promise<void> {
  await issueStatementsStatement(db).run();
}

export async function getStatement(
  db: D1Database,
  payoutId: string,
  partnerId: string,
): Promise<Statement | null> {
  const row = await db
    .prepare("SELECT * FROM payout_statements WHERE payout_id = ?1 AND partner_id = ?2")
    .bind(payoutId, partnerId)
    .first<StatementRow>();
  return row ? toStatement(row) : null;
}

export async function statementsOf(db: D1Database, payoutId: string): Promise<Statement[]> {
  const { results } = await db
    .prepare("SELECT * FROM payout_statements WHERE payout_id = ?1 ORDER BY number")
    .bind(payoutId)
    .all<StatementRow>();
  return results.map(toStatement);
}

/** One ledger entry of a partner's share of a payout, as its statement lists it. */
export interface StatementLine {
  entryId: string;
  conversionId: string;
  programId: string;
  programName: string | null;
  orderId: string | null;
  amount: number;
  createdAt: number;
}

interface LineRow {
  entry_id: string;
  conversion_id: string;
  program_id: string;
  program_name: string | null;
  order_id: string | null;
  amount: number;
  created_at: number;
}

/** A partner's entries in a payout, oldest first (empty when it has none there). */
export async function shareLines(
  db: D1Database,
  payoutId: string,
  partnerId: string,
): Promise<StatementLine[]> {
  const { results } = await db
    .prepare(
      `SELECT i.entry_id, e.conversion_id, e.program_id, pr.name AS program_name, c.order_id,
         i.amount, e.created_at
       FROM payout_items i
       JOIN ledger_entries e ON e.partner_id = i.partner_id AND e.id = i.entry_id
       LEFT JOIN conversions c ON c.id = e.conversion_id
       LEFT JOIN programs pr ON pr.id = e.program_id
       WHERE i.payout_id = ?1 AND i.partner_id = ?2
       ORDER BY e.created_at, i.entry_id`,
    )
    .bind(payoutId, partnerId)
    .all<LineRow>();
  return results.map((r) => ({
    entryId: r.entry_id,
    conversionId: r.conversion_id,
    programId: r.program_id,
    programName: r.program_name,
    orderId: r.order_id,
    amount: r.amount,
    createdAt: r.created_at,
  }));
}
