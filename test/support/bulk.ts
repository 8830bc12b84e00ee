import { env } from "cloudflare:workers";

/**
 * `n` copies of program `programId`, with the IDs 1 … n as 24 hex digits: many programs at the
 * cost of one statement, for tests of what must not cost a query per program.
 */
export async function copiesOfProgram(programId: string, n: number) {
  const { results } = await env.DB.prepare("PRAGMA table_info(programs)").all<{ name: string }>();
  const others = results.map((column) => column.name).filter((name) => name !== "id");
  await env.DB.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
     INSERT INTO programs (id, ${others.join(", ")})
     SELECT printf('%024x', i), ${others.map((name) => `p.${name}`).join(", ")}
     FROM k, programs p WHERE p.id = ?1`,
  )
    .bind(programId, n)
    .run();
  return Array.from({ length: n }, (_, i) => (i + 1).toString(16).padStart(24, "0"));
}
