import { app } from "./app";
import { enforceRetention } from "./jobs/retention";
import { consume } from "./queues/dispatch";

export { ClickGuard } from "./objects/click-guard";
export { DeadLetters } from "./objects/dead-letters";
export { PostbackLimiter } from "./objects/postback-limiter";

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consume(batch, env),
  scheduled(controller, env, ctx) {
    ctx.waitUntil(enforceRetention(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
