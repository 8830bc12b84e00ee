import { newSecret } from "../domain/ids";

/**
 * The day's salt: created by whichever isolate needs it first (one row a day), read by all. The
 * insert is a no-op when the day already has one, and the read returns the winner.
 */
export async function dailySalt(db: D1Database, day: string, now: number): Promise<string> {
  const [, read] = await db.batch<{ salt: string }>([
    db
      .prepare(
        "INSERT INTO ip_salts (day, salt, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
      )
      .bind(day, newSecret() + newSecret(), now),
    db.prepare("SELECT salt FROM ip_salts WHERE day = ?1").bind(day),
  ]);
  const salt = read?.results[0]?.salt;
  if (!salt) throw new Error("no IP salt for the day");
  return salt;
}

/** Forgets the salts of days before `keepFrom` (YYYY-MM-DD). */
export async function deleteSaltsBefore(db: D1Database, keepFrom: string): Promise<number> {
  const result = await db.prepare("DELETE FROM ip_salts WHERE day < ?1").bind(keepFrom).run();
  return result.meta.changes;
}
