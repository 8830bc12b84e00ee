/**
 * Table `partner_passkeys`: a partner's WebAuthn credentials, the public key only (COSE, as the
 * authenticator gave it). The credential ID is the primary key: a sign-in names its passkey by it
 * before anyone is known.
 */

export interface Passkey {
  /** The credential ID, base64url. */
  id: string;
  partnerId: string;
  name: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  createdAt: number;
  lastUsedAt: number | null;
}

interface PasskeyRow {
  id: string;
  partner_id: string;
  name: string;
  public_key: string;
  counter: number;
  transports: string | null;
  created_at: number;
  last_used_at: number | null;
}

/** A partner holds at most this many: the registration's excludeCredentials lists them all. */
export const MAX_PASSKEYS = 20;

function transportsOf(json: string | null): string[] {
  if (json === null) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string") : [];
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  partnerId: row.partner_id,
  name: row.name,
  publicKey: row.public_key,
  counter: row.counter,
  transports: transportsOf(row.transports),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/**
 * Saves a new passkey, unless its credential ID is known already (to this partner or another)
 * or the partner holds MAX_PASSKEYS: the count and the insert are one statement, so two
 * registrations at once cannot pass the limit. Whether it was saved.
 */
export async function insertPasskey(db: D1Database, passkey: Passkey): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO partner_passkeys
         (id, partner_id, name, public_key, counter, transports, created_at, last_used_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE (SELECT COUNT(*) FROM partner_passkeys WHERE partner_id = ?2) < ?9
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(
      passkey.id,
      passkey.partnerId,
      passkey.name,
      passkey.publicKey,
      passkey.counter,
      JSON.stringify(passkey.transports),
      passkey.createdAt,
      passkey.lastUsedAt,
      MAX_PASSKEYS,
    )
    .run();
  return result.meta.changes > 0;
}

/** A partner's passkeys, oldest first. */
export async function listPasskeys(db: D1Database, partnerId: string): Promise<Passkey[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM partner_passkeys WHERE partner_id = ?1 ORDER BY created_at, id LIMIT ?2`,
    )
    .bind(partnerId, MAX_PASSKEYS)
    .all<PasskeyRow>();
  return results.map(toPasskey);
}

/** The passkey a sign-in names, if its partner is not disabled; null for anything else. */
export async function getSignInPasskey(db: D1Database, id: string): Promise<Passkey | null> {
  const row = await db
    .prepare(
      `SELECT k.* FROM partner_passkeys k JOIN partners p ON p.id = k.partner_id
       WHERE k.id = ?1 AND p.disabled_at IS NULL`,
    )
    .bind(id)
    .first<PasskeyRow>();
  return row ? toPasskey(row) : null;
}

/**
 * Records a verified sign-in: the counter only rises, and the row is changed only while the
 * passkey and its partner still stand (deleted or disabled between the read and now: no
 * sign-in). Whether it did.
 */
export async function recordPasskeyUse(
  db: D1Database,
  id: string,
  counter: number,
  now: number,
): Promise<boolean> {
  const row = await db
    .prepare(
      `UPDATE partner_passkeys SET counter = MAX(counter, ?2), last_used_at = ?3
       WHERE id = ?1 AND partner_id IN (SELECT id FROM partners WHERE disabled_at IS NULL)
       RETURNING id`,
    )
    .bind(id, counter, now)
    .first<{ id: string }>();
  return row !== null;
}

/** Deletes one of the partner's passkeys; false when it has none with this ID. */
export async function deletePasskey(
  db: D1Database,
  partnerId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .prepare("DELETE FROM partner_passkeys WHERE id = ?1 AND partner_id = ?2")
    .bind(id, partnerId)
    .run();
  return result.meta.changes > 0;
}
