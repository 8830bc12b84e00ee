// The Worker with every D1 statement metered, for the benchmark's cost pass only: rows read and written per click and per conversion come from D1's
// own result metadata. Throughput is measured on the unmodified build.
import worker, { ClickGuard as MeasuredClickGuard, PostbackLimiter } from "../../src/index";
import { isWrite, type Metered, meterD1 } from "./d1-meter";

const statements: Metered[] = [];
const metered = (env: Env): Env => ({ ...env, DB: meterD1(env.DB, statements) });

export class ClickGuard extends MeasuredClickGuard {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, metered(env));
  }
}

export { PostbackLimiter };

/**
 * What one D1 statement takes, seen from the Worker (clocks advance across I/O in workerd): single
 * click inserts against 100-click inserts, run one after the other as D1 runs them.
 */
async function statementCost(db: D1Database) {
  const statements = 200;
  const prefix = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0");
  const id = (i: number) => `${prefix}f${i.toString(16).padStart(15, "0")}`;
  let started = Date.now();
  for (let i = 0; i < statements; i++) {
    await db
      .prepare(
        "INSERT INTO clicks (id, link_id, program_id, partner_id, created_at) VALUES (?1, 'cost', 'p', 'q', ?2)",
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
         SELECT value ->> '$[0]', 'cost', 'p', 'q', value ->> '$[1]' FROM json_each(?1) WHERE true`,
      )
      .bind(JSON.stringify(rows))
      .run();
  }
  return { singleInsertMs, hundredRowInsertMs: (Date.now() - started) / statements };
}

export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === "/__meter/statement-cost") return Response.json(await statementCost(env.DB));
    if (path === "/__meter") {
      const summary = {
        statements: statements.length,
        rowsRead: statements.reduce((sum, s) => sum + s.rowsRead, 0),
        rowsWritten: statements.reduce((sum, s) => sum + s.rowsWritten, 0),
        writes: statements.filter(isWrite).length,
      };
      if (request.method === "DELETE") statements.length = 0;
      return Response.json(summary);
    }
    return worker.fetch(request, metered(env), ctx);
  },
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Env>;
