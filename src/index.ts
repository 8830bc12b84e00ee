import { app } from "./app";
import { runJob } from "./jobs/schedule";
import { consume } from "./queues/dispatch";

export { ClickGuard } from "./objects/click-guard";
export { DeadLetters } from "./objects/dead-letters";
export { PostbackLimiter } from "./objects/postback-limiter";

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consume(batch, env),
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runJob(controller, env));
  },
} satisfies ExportedHandler<Env>;
