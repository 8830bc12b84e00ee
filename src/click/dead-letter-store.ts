import { DurableObject } from "cloudflare:workers";

/**
 * Click batches the queue gave up on (dead-lettered), kept in this object's own SQLite storage,
 * apart from D1, which may be what failed. One object holds them all; they stay until replayed
 * (`POST /api/dead-letters/replay`, or `npm run dead-letters:replay`).
 */
export interface DeadLetter {
  id: string;
  /** The message body, as JSON text. */
  body: string;
  deadAt: number;
}

export class DeadLetters extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS letters (
         id TEXT PRIMARY KEY, body TEXT NOT NULL, dead_at INTEGER NOT NULL)`,
    );
  }

  /** Keeps letters (a redelivered one, by id, once); answers how many are held. */
  keep(letters: DeadLetter[]): number {
    for (const letter of letters) {
      this.ctx.storage.sql.exec(
        "INSERT INTO letters (id, body, dead_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
        letter.id,
        letter.body,
        letter.deadAt,
      );
    }
    return this.count();
  }

  count(): number {
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM letters").one().n;
  }

  /** The oldest letters first (dead-lettered at `deadSince` or later), without removing them. */
  peek(limit: number, deadSince = 0): DeadLetter[] {
    return this.ctx.storage.sql
      .exec<{ id: string; body: string; dead_at: number }>(
        "SELECT id, body, dead_at FROM letters WHERE dead_at >= ? ORDER BY dead_at, id LIMIT ?",
        deadSince,
        limit,
      )
      .toArray()
      .map((row) => ({ id: row.id, body: row.body, deadAt: row.dead_at }));
  }

  /** How many letters were dead-lettered before `deadAt`. */
  countDeadBefore(deadAt: number): number {
    return this.ctx.storage.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM letters WHERE dead_at < ?", deadAt)
      .one().n;
  }

  /** Removes letters once they are safely back on the queue. */
  forget(ids: string[]): number {
    for (const id of ids) this.ctx.storage.sql.exec("DELETE FROM letters WHERE id = ?", id);
    return this.count();
  }
}

/** The one object that holds every dead-lettered click batch. */
export const deadLetters = (env: Env) =>
  env.DEAD_LETTERS.get(env.DEAD_LETTERS.idFromName("click-batches"));
