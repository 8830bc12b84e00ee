// `node scripts/migrate.ts --local|--remote`: the D1 migrations on the main database and every
// click shard CLICK_SHARDS names (`npm run deploy` runs it with --remote first).
import { migrateAll } from "./shards.ts";

const where = process.argv.includes("--remote") ? "--remote" : "--local";
try {
  const result = migrateAll(where);
  process.stdout.write(result.output);
  if (!result.ok) {
    console.error(`The migrations did not apply to ${result.binding}.`);
    process.exit(1);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
