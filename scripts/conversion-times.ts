// `npm run conversion-times [-- --remote] [-- --program <id>]`: how long after their click the
// conversions came, per goal, from the local D1 (or, with --remote, the deployed one): what to
// read before choosing a program's `min_seconds_to_convert` (docs/conversion-times.md).
import { spawnSync } from "node:child_process";
import { conversionTimesSql } from "../src/storage/conversion-times-sql.ts";

const args = process.argv.slice(2);
const program = args[args.indexOf("--program") + 1];
const where =
  args.includes("--program") && program ? `'${program.replace(/[^0-9a-f]/g, "")}'` : "NULL";
const sql = conversionTimesSql.replaceAll("?1", where).replace(/\s+/g, " ");
const run = spawnSync(
  "wrangler",
  [
    "d1",
    "execute",
    "DB",
    args.includes("--remote") ? "--remote" : "--local",
    "--json",
    "--command",
    sql,
  ],
  { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
if (run.status !== 0) {
  process.stderr.write(run.stderr || run.stdout);
  process.exit(run.status ?? 1);
}
const [result] = JSON.parse(run.stdout) as {
  results: { goal: string; bucket: string; conversions: number }[];
}[];
const rows = result?.results ?? [];
if (!rows.length) console.log("No click conversions yet.");
for (const goal of new Set(rows.map((r) => r.goal))) {
  const mine = rows.filter((r) => r.goal === goal);
  const total = mine.reduce((sum, r) => sum + r.conversions, 0);
  console.log(`\n${goal} (${total} click conversions)`);
  let below = 0;
  for (const r of mine) {
    below += r.conversions;
    const share = ((100 * r.conversions) / total).toFixed(1).padStart(5);
    const upTo = ((100 * below) / total).toFixed(1).padStart(5);
    console.log(
      `  ${r.bucket.padEnd(14)} ${String(r.conversions).padStart(8)}  ${share} %   up to here ${upTo} %`,
    );
  }
}
