import { env } from "cloudflare:workers";

/**
 * Makes D1 itself (the main database, or each of `databases`) fail every insert into `table` until
 * healed: a real SQLite trigger in the real
 * database, so the failure reaches whoever writes (the Worker or a Durable Object) exactly as a
 * D1 error would, with its transaction rolled back.
 */
export async function failInserts(
  table: string,
  message = "D1_ERROR: injected fault, D1 is overloaded",
  databases: D1Database[] = [env.DB],
) {
  const name = `fault_${table}`;
  for (const db of databases) {
    await db
      .prepare(
        `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .run();
  }
  return async () => {
    for (const db of databases) await db.prepare(`DROP TRIGGER IF EXISTS ${name}`).run();
  };
}
