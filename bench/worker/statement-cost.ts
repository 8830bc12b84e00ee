/**
 * What one D1 statement takes, seen from the Worker (clocks advance across I/O in workerd): single
 * click inserts against 100-click inserts, run one after the other as D1 runs them.
 */
export async function statementCost(db: D1Database) {
  const statements = 200;
  const prefix = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  const id = (i: number) => `${prefix}f${i.toString(16).padStart(15, "0")}`;
  let started = Date.now();
  for (let i = 0; i < statements; i++) {
    await db
      .prepare(
        `INSERT INTO clicks (id, link_id, program_id, partner_id, created_at)
         VALUES (unhex(?1), 'cost', unhex(?1), unhex(?1), ?2)`,
      )
      .bind(id(i), Date.now())
      .run();
  }
  const singleInsertMs = (Date.now() - started) / statements;
  started = Date.now();
  for (let i = 0; i < statements; i++) {
    const rows = Array.from({ length: 100 }, (_, j) => [id(1_000_000 + i * 100 + j), Date.now()]);
    await db
      .prepare(
        `INSERT INTO clicks (id, link_id, program_id, partner_id, created_at)
         SELECT unhex(value ->> '$[0]'), 'cost', unhex(value ->> '$[0]'), unhex(value ->> '$[0]'),
           value ->> '$[1]' FROM json_each(?1) WHERE true`,
      )
      .bind(JSON.stringify(rows))
      .run();
  }
  return { singleInsertMs, hundredRowInsertMs: (Date.now() - started) / statements };
}
