import { app } from "./app";
import { runJob } from "./jobs/schedule";
import { consume } from "./queues/dispatch";

export { DeadLetters } from "./click/dead-letter-store";
export { ClickGuard } from "./postback/click-guard";
export { PostbackLimiter } from "./postback/postback-limiter";

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consume(batch, env),
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runJob(controller, env));
  },
} satisfies ExportedHandler<Env>;
