/**
 * The first export of a payout (issue 28): `draft` → `exported`, compare-and-set on the status,
 * `also` (its audit entry, written only if the row changed) in the same batch. Answers whether
 * this call made the change; a later export of an exported or paid payout changes nothing.
 */
export async function markPayoutExported(
  db: D1Database,
  id: string,
  now: number,
  also: D1PreparedStatement[],
): Promise<boolean> {
  const [changed] = await db.batch([
    db
      .prepare(
        `UPDATE payouts SET status = 'exported', updated_at = ?2
         WHERE id = ?1 AND status = 'draft'`,
      )
      .bind(id, now),
    ...also,
  ]);
  return changed?.meta.changes === 1;
}
