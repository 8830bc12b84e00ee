/** Table `partner_sessions`: a signed-in browser, kept as the SHA-256 of its cookie's value. */

export interface SessionRow {
  token_hash: string;
  partner_id: string;
  via: "invite" | "passkey";
  created_at: number;
  last_seen_at: number;
}

export interface SignedInSession {
  partnerId: string;
  lastSeenAt: number;
}

export function insertSessionStatement(
  db: D1Database,
  session: { tokenHash: string; partnerId: string; via: "invite" | "passkey"; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO partner_sessions (token_hash, partner_id, via, created_at, last_seen_at)
       VALUES (?1, ?2, ?3, ?4, ?4)`,
    )
    .bind(session.tokenHash, session.partnerId, session.via, session.now);
}

/** The session of a cookie, with its partner not disabled; null for anything else. */
export async function getLiveSession(
  db: D1Database,
  tokenHash: string,
): Promise<SignedInSession | null> {
  const row = await db
    .prepare(
      `SELECT s.partner_id, s.last_seen_at FROM partner_sessions s
       JOIN partners p ON p.id = s.partner_id
       WHERE s.token_hash = ?1 AND p.disabled_at IS NULL`,
    )
    .bind(tokenHash)
    .first<{ partner_id: string; last_seen_at: number }>();
  return row ? { partnerId: row.partner_id, lastSeenAt: row.last_seen_at } : null;
}

export async function touchSession(db: D1Database, tokenHash: string, now: number) {
  await db
    .prepare("UPDATE partner_sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
    .bind(tokenHash, now)
    .run();
}

export async function deleteSession(db: D1Database, tokenHash: string) {
  await db.prepare("DELETE FROM partner_sessions WHERE token_hash = ?1").bind(tokenHash).run();
}

/** Every session of a partner: "sign out everywhere", and a disabled partner. */
export function deleteSessionsStatement(db: D1Database, partnerId: string): D1PreparedStatement {
  return db.prepare("DELETE FROM partner_sessions WHERE partner_id = ?1").bind(partnerId);
}
