import { idLowerBound } from "../domain/ids";

/**
 * Table `partner_challenges`: one WebAuthn ceremony's challenge. Row IDs are time-prefixed
 * (`newId`), so the expired ones are a primary-key range, pruned as new ones are written: the
 * sign-in's options are asked for before anyone is known, and abandoned ceremonies would
 * otherwise pile up.
 */

export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface NewChallenge {
  id: string;
  challenge: string;
  /** The partner registering a passkey; null for a sign-in, where nobody is known yet. */
  partnerId: string | null;
  now: number;
}

export async function insertChallenge(db: D1Database, row: NewChallenge): Promise<void> {
  // An ID's time has second precision: rows a second past their expiry may outlive one prune.
  const expiredBefore = idLowerBound((row.now - CHALLENGE_TTL_MS) / 1000);
  await db.batch([
    db.prepare("DELETE FROM partner_challenges WHERE id < ?1").bind(expiredBefore),
    db
      .prepare(
        `INSERT INTO partner_challenges (id, challenge, partner_id, expires_at)
         VALUES (?1, ?2, ?3, ?4)`,
      )
      .bind(row.id, row.challenge, row.partnerId, row.now + CHALLENGE_TTL_MS),
  ]);
}

/**
 * Uses a challenge, once: the row is deleted as it is read, so two answers to one challenge
 * cannot both pass, whatever their order. Only a live challenge of this ceremony answers
 * (`partner_id IS ?2`: a sign-in's is null, a registration's names its partner), else null.
 */
export async function takeChallenge(
  db: D1Database,
  id: string,
  partnerId: string | null,
  now: number,
): Promise<string | null> {
  const row = await db
    .prepare(
      `DELETE FROM partner_challenges WHERE id = ?1 AND partner_id IS ?2 AND expires_at > ?3
       RETURNING challenge`,
    )
    .bind(id, partnerId, now)
    .first<{ challenge: string }>();
  return row?.challenge ?? null;
}
