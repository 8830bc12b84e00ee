import { type CursorKey, newestFirst, type Page } from "./pages";

/** Table `partner_tokens`: a partner's API tokens, kept as the SHA-256 of the token. */

interface TokenRow {
  id: string;
  partner_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

export interface PartnerToken {
  id: string;
  partnerId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

const toToken = (row: TokenRow): PartnerToken => ({
  id: row.id,
  partnerId: row.partner_id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export async function insertToken(
  db: D1Database,
  token: PartnerToken & { tokenHash: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO partner_tokens (id, partner_id, name, token_hash, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5)`,
    )
    .bind(token.id, token.partnerId, token.name, token.tokenHash, token.createdAt)
    .run();
}

/** The token's partner and last use, when the token exists and its partner is not disabled. */
export async function getLiveToken(
  db: D1Database,
  tokenHash: string,
): Promise<{ id: string; partnerId: string; lastUsedAt: number | null } | null> {
  const row = await db
    .prepare(
      `SELECT t.id, t.partner_id, t.last_used_at FROM partner_tokens t
       JOIN partners p ON p.id = t.partner_id
       WHERE t.token_hash = ?1 AND p.disabled_at IS NULL`,
    )
    .bind(tokenHash)
    .first<{ id: string; partner_id: string; last_used_at: number | null }>();
  return row ? { id: row.id, partnerId: row.partner_id, lastUsedAt: row.last_used_at } : null;
}

export async function touchToken(db: D1Database, id: string, now: number) {
  await db.prepare("UPDATE partner_tokens SET last_used_at = ?2 WHERE id = ?1").bind(id, now).run();
}

export function listTokens(
  db: D1Database,
  partnerId: string,
  limit: number,
  after: CursorKey | null,
): Promise<Page<PartnerToken>> {
  return newestFirst(
    db,
    "SELECT id, partner_id, name, token_hash, created_at, last_used_at FROM partner_tokens WHERE partner_id = ?1",
    [partnerId],
    { limit, after },
    toToken,
  );
}

/** Deletes one of the partner's tokens; false when the partner has no such token. */
export async function deleteToken(db: D1Database, partnerId: string, id: string) {
  const result = await db
    .prepare("DELETE FROM partner_tokens WHERE id = ?1 AND partner_id = ?2")
    .bind(id, partnerId)
    .run();
  return result.meta.changes === 1;
}
