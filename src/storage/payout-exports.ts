import { changePayoutStatus } from "./payouts";

/**
 * The first export of a payout (issue 28): `draft` → `exported`, compare-and-set on the status,
 * `also` (its audit entry, written only if the row changed) in the same batch. Answers whether
 * this call made the change; a later export of an exported or paid payout changes nothing.
 */
export function markPayoutExported(
  db: D1Database,
  id: string,
  now: number,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const update = db
    .prepare(
      `UPDATE payouts SET status = 'exported', updated_at = ?2
       WHERE id = ?1 AND status = 'draft'`,
    )
    .bind(id, now);
  return changePayoutStatus(db, update, also);
}
