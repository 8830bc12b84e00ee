import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Setup files may run more than once per worker; applyD1Migrations skips what is applied. Every
// click shard gets the schema, as `npm start` and `npm run deploy` give it.
for (const db of [env.DB, env.CLICKS_1, env.CLICKS_2]) {
  await applyD1Migrations(db, env.TEST_MIGRATIONS);
}
