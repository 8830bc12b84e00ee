import { app } from "./app";

export { DeadLetters } from "./click/dead-letter-store";
export { ClickGuard } from "./postback/click-guard";
export { PostbackLimiter } from "./postback/postback-limiter";

/**
 * The Worker's entry. The queue consumers and the cron jobs are loaded on their first call: an
 * isolate that serves redirects never evaluates them (the Durable Object classes must be exported
 * here as they are, and stay small).
 */
export default {
  fetch: app.fetch,
  async queue(batch, env, _ctx) {
    const { consume } = await import("./queues/dispatch");
    await consume(batch, env);
  },
  scheduled(controller, env, ctx) {
    ctx.waitUntil(import("./jobs/schedule").then(({ runJob }) => runJob(controller, env)));
  },
} satisfies ExportedHandler<Env>;
