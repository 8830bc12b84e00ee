/**
 * Partners' payout details (issue 28, migration 0020): one row per partner, the details sealed
 * (src/payouts/payout-details.ts seals and opens them), `masked` the JSON shown.
 */
export type PayoutMethod = "paypal" | "iban";

export interface PayoutDetailsRow {
  partner_id: string;
  method: PayoutMethod;
  masked: string;
  sealed: string;
  iv: string;
  updated_at: number;
}

export function getPayoutDetails(db: D1Database, partnerId: string) {
  return db
    .prepare("SELECT * FROM payout_details WHERE partner_id = ?1")
    .bind(partnerId)
    .first<PayoutDetailsRow>();
}

/** The rows of these partners (those that have one). */
export async function payoutDetailsOf(
  db: D1Database,
  partnerIds: string[],
): Promise<PayoutDetailsRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM payout_details
       WHERE partner_id IN (SELECT value FROM json_each(?1)) ORDER BY partner_id`,
    )
    .bind(JSON.stringify(partnerIds))
    .all<PayoutDetailsRow>();
  return results;
}

/** Inserts or replaces the partner's row, `also` (its audit entry) in the same batch. */
export async function putPayoutDetails(
  db: D1Database,
  row: PayoutDetailsRow,
  also: D1PreparedStatement[],
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO payout_details (partner_id, method, masked, sealed, iv, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (partner_id) DO UPDATE SET method = excluded.method,
           masked = excluded.masked, sealed = excluded.sealed, iv = excluded.iv,
           updated_at = excluded.updated_at`,
      )
      .bind(row.partner_id, row.method, row.masked, row.sealed, row.iv, row.updated_at),
    ...also,
  ]);
}

/** Deletes the partner's row, `also` only if there was one. */
export async function deletePayoutDetails(
  db: D1Database,
  partnerId: string,
  also: D1PreparedStatement[],
): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM payout_details WHERE partner_id = ?1").bind(partnerId),
    ...also,
  ]);
}
