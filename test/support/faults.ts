import { env } from "cloudflare:workers";

/**
 * Makes D1 itself fail every insert into `table` until healed: a real SQLite trigger in the real
 * database, so the failure reaches whoever writes (the Worker or a Durable Object) exactly as a
 * D1 error would, with its transaction rolled back.
 */
export async function failInserts(
  table: string,
  message = "D1_ERROR: injected fault, D1 is overloaded",
) {
  const name = `fault_${table}`;
  await env.DB.prepare(
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  ).run();
  return async () => {
    await env.DB.prepare(`DROP TRIGGER IF EXISTS ${name}`).run();
  };
}
