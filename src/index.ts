import { app } from "./app";

export { ClickGuard } from "./objects/click-guard";
export { PostbackLimiter } from "./objects/postback-limiter";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
