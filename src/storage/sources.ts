import type { AmountBasis, Source, SourceType } from "../domain/sources";
import { type CursorKey, newestFirst, type Page } from "./pages";
import { runWith } from "./run-with";

/** Table `sources` (migration 0012). */
interface SourceRow {
  id: string;
  program_id: string;
  type: SourceType;
  enabled: number;
  secret_ciphertext: string;
  secret_iv: string;
  previous_secret_ciphertext: string | null;
  previous_secret_iv: string | null;
  previous_secret_expires_at: number | null;
  amount_basis: AmountBasis | null;
  created_at: number;
  updated_at: number;
}

const toSource = (row: SourceRow): Source => ({
  id: row.id,
  programId: row.program_id,
  type: row.type,
  enabled: row.enabled === 1,
  secret: { ciphertext: row.secret_ciphertext, iv: row.secret_iv },
  previousSecret:
    row.previous_secret_ciphertext && row.previous_secret_iv
      ? { ciphertext: row.previous_secret_ciphertext, iv: row.previous_secret_iv }
      : null,
  previousSecretExpiresAt: row.previous_secret_expires_at,
  amountBasis: row.amount_basis,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const values = (s: Source) => [
  s.id,
  s.programId,
  s.type,
  s.enabled ? 1 : 0,
  s.secret.ciphertext,
  s.secret.iv,
  s.previousSecret?.ciphertext ?? null,
  s.previousSecret?.iv ?? null,
  s.previousSecretExpiresAt,
  s.amountBasis,
  s.createdAt,
  s.updatedAt,
];

export async function insertSource(db: D1Database, s: Source, also: D1PreparedStatement[] = []) {
  const insert = db
    .prepare(
      `INSERT INTO sources (id, program_id, type, enabled, secret_ciphertext, secret_iv,
         previous_secret_ciphertext, previous_secret_iv, previous_secret_expires_at, amount_basis,
         created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
    )
    .bind(...values(s));
  await runWith(db, insert, also);
}

/** Writes what an admin may change: enabled, the secrets, the amount basis. */
export async function updateSource(db: D1Database, s: Source, also: D1PreparedStatement[] = []) {
  const update = db
    .prepare(
      `UPDATE sources SET enabled = ?4, secret_ciphertext = ?5, secret_iv = ?6,
         previous_secret_ciphertext = ?7, previous_secret_iv = ?8, previous_secret_expires_at = ?9,
         amount_basis = ?10, updated_at = ?12
       WHERE id = ?1 AND program_id = ?2`,
    )
    .bind(...values(s));
  const result = await runWith(db, update, also);
  return result.meta.changes === 1;
}

export async function getSource(db: D1Database, id: string): Promise<Source | null> {
  const row = await db.prepare("SELECT * FROM sources WHERE id = ?1").bind(id).first<SourceRow>();
  return row ? toSource(row) : null;
}

export async function deleteSource(
  db: D1Database,
  programId: string,
  id: string,
  also: D1PreparedStatement[] = [],
): Promise<boolean> {
  const remove = db
    .prepare("DELETE FROM sources WHERE id = ?1 AND program_id = ?2")
    .bind(id, programId);
  const result = await runWith(db, remove, also);
  return result.meta.changes === 1;
}

export function listSources(
  db: D1Database,
  programId: string,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Source>> {
  return newestFirst(
    db,
    "SELECT * FROM sources WHERE program_id = ?1",
    [programId],
    { limit, after },
    toSource,
  );
}
