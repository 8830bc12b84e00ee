// What the bundle takes for "zod" (wrangler.toml [alias]; vitest.config.ts and bundle:size read
// the same table): zod as it is, without its ~390 KB of translated error messages, which every
// cold start copied and parsed although no request evaluated them. @hono/zod-openapi does
// `import { z } from "zod"` and hands that namespace to `extendZodWithOpenApi(z)`, so the bundler
// must build the whole namespace object, and with it `z.locales` and `z.core.locales` (every
// language). Here the namespace is ./classic.ts's: all of zod's exports, but `locales` and `core`
// are its own (a module's own exports win over `export *`), so nothing reaches zod's locales.
// English stays (zod configures it at its top level), and nothing here sets another language.
import * as z from "./classic.ts";

export * from "./classic.ts";
export { z, z as default };
