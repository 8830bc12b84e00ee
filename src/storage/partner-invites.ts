/** Table `partner_invites`: one-time sign-in URLs, kept as the SHA-256 of their token. */

export interface InviteRow {
  token_hash: string;
  partner_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface NewInvite {
  tokenHash: string;
  partnerId: string;
  createdBy: string;
  now: number;
  expiresAt: number;
}

/**
 * The invite's row. `onlyAfterAChange`: written only when the batch's previous statement changed
 * a row (an approval that won its compare-and-set), so a lost race leaves no live invite.
 */
export function insertInviteStatement(
  db: D1Database,
  invite: NewInvite,
  onlyAfterAChange = false,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO partner_invites (token_hash, partner_id, created_by, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5 WHERE ?6 = 0 OR changes() = 1`,
    )
    .bind(
      invite.tokenHash,
      invite.partnerId,
      invite.createdBy,
      invite.now,
      invite.expiresAt,
      onlyAfterAChange ? 1 : 0,
    );
}

/**
 * Uses an invite, once: the compare-and-set marks it used only while it is unused and unexpired,
 * and only for a partner that is not disabled. The partner it named, or null (unknown, used,
 * expired or disabled: the caller cannot tell which, nor can whoever holds the URL).
 */
export async function useInvite(
  db: D1Database,
  tokenHash: string,
  now: number,
): Promise<string | null> {
  const row = await db
    .prepare(
      `UPDATE partner_invites SET used_at = ?2
       WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
         AND partner_id IN (SELECT id FROM partners WHERE disabled_at IS NULL)
       RETURNING partner_id`,
    )
    .bind(tokenHash, now)
    .first<{ partner_id: string }>();
  return row?.partner_id ?? null;
}
