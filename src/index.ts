import { app } from "./app";
import { enforceRetention } from "./jobs/retention";

export { ClickGuard } from "./objects/click-guard";
export { PostbackLimiter } from "./objects/postback-limiter";

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(enforceRetention(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
