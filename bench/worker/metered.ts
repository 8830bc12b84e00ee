// The Worker with every D1 statement and every click-queue message metered, for the benchmark's
// cost pass only: rows read and written come from D1's own result metadata. Throughput is
// measured on the unmodified build.
import worker, {
  DeadLetters,
  ClickGuard as MeasuredClickGuard,
  PostbackLimiter,
} from "../../src/index";
import type { GroupKey } from "../../src/reports/report-sql";
import { isWrite, type Metered, meterD1 } from "./d1-meter";
import { reportReadCost, seedReportDay } from "./report-seed";
import { shardCapacity } from "./shard-capacity";
import { statementCost } from "./statement-cost";

const statements: Metered[] = [];
const sent = { messages: 0, bytes: 0 };

function meterQueue(queue: Queue): Queue {
  const count = (body: unknown) => {
    sent.messages++;
    sent.bytes += JSON.stringify(body).length;
  };
  return {
    send: (body: unknown, options?: QueueSendOptions) => {
      count(body);
      return queue.send(body, options);
    },
    sendBatch: (messages: Iterable<MessageSendRequest>, options?: QueueSendBatchOptions) => {
      const list = [...messages];
      for (const message of list) count(message.body);
      return queue.sendBatch(list, options);
    },
  } as Queue;
}

const metered = (env: Env): Env => ({
  ...env,
  DB: meterD1(env.DB, statements),
  CLICK_QUEUE: meterQueue(env.CLICK_QUEUE),
});

export class ClickGuard extends MeasuredClickGuard {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, metered(env));
  }
}

export { DeadLetters, PostbackLimiter };

export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === "/__meter/statement-cost") return Response.json(await statementCost(env.DB));
    if (path === "/__meter/shard-capacity") {
      const query = new URL(request.url).searchParams;
      const shards = query.get("shards") === "3" ? 3 : 1;
      return Response.json(await shardCapacity(env, shards, Number(query.get("clicks"))));
    }
    if (path === "/__meter/report-seed")
      return Response.json(await seedReportDay(env.DB, await request.json()));
    if (path === "/__meter/report-read") {
      const query = new URL(request.url).searchParams;
      const groupBy = (query.get("group_by") ?? "day").split(",") as GroupKey[];
      return Response.json(
        await reportReadCost(env.DB, groupBy, query.get("from") ?? "", query.get("to") ?? ""),
      );
    }
    if (path === "/__meter") {
      const summary = {
        statements: statements.length,
        reads: statements.filter((s) => !isWrite(s)).length,
        rowsRead: statements.reduce((sum, s) => sum + s.rowsRead, 0),
        rowsWritten: statements.reduce((sum, s) => sum + s.rowsWritten, 0),
        writes: statements.filter(isWrite).length,
        messages: sent.messages,
        messageBytes: sent.bytes,
      };
      if (request.method === "DELETE") {
        statements.length = 0;
        sent.messages = 0;
        sent.bytes = 0;
      }
      return Response.json(summary);
    }
    return worker.fetch(request, metered(env), ctx);
  },
  queue: (batch, env, ctx) => worker.queue(batch, metered(env), ctx),
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Env>;
