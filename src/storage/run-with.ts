// Kept apart from audit-log.ts: the redirect's path reads links through links.ts, and must not
// evaluate the audit trail's module to do so.

/**
 * Runs a change's statement, with what must be written with it (its audit entry) in the same
 * batch, one transaction: the change's own result is answered.
 */
export async function runWith(
  db: D1Database,
  change: D1PreparedStatement,
  also: D1PreparedStatement[] = [],
): Promise<D1Result> {
  if (!also.length) return change.run();
  const [result] = await db.batch([change, ...also]);
  if (!result) throw new Error("D1 answered no result for the change");
  return result;
}
