// The Worker with every D1 statement metered (through the same spy the tests use), for the
// benchmark's cost pass only: rows read and written per click and per conversion come from D1's
// own result metadata. Throughput is measured on the unmodified build.
import worker, { ClickGuard as MeasuredClickGuard, PostbackLimiter } from "../../src/index";
import { isWrite, type Recorded, spyD1 } from "../../test/support/d1-spy";

const statements: Recorded[] = [];
const metered = (env: Env): Env => ({ ...env, DB: spyD1(env.DB, statements).db });

export class ClickGuard extends MeasuredClickGuard {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, metered(env));
  }
}

export { PostbackLimiter };

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__meter") {
      const summary = {
        statements: statements.length,
        rowsRead: statements.reduce((sum, s) => sum + (s.rowsRead ?? 0), 0),
        rowsWritten: statements.reduce((sum, s) => sum + (s.rowsWritten ?? 0), 0),
        writes: statements.filter(isWrite).length,
      };
      if (request.method === "DELETE") statements.length = 0;
      return Response.json(summary);
    }
    return worker.fetch(request, metered(env), ctx);
  },
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Env>;
