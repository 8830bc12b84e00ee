// `npm run bench:cold`: the time from a fresh isolate to its first answer, for a redirect, a
// postback and GET /api/openapi.json, each against a bare Worker's cold first answer (bench/lib/
// cold-start.ts). BENCH_COLD_ROUNDS rounds (default 7); `--json` prints one JSON object instead
// of the table. BENCH_COLD_BEFORE=<bundle.js> also starts that bundle's redirect cold in every
// round and writes bench-results/cold-before.json (committed: the "before" of the bundle split;
// BENCH_COLD_BEFORE_COMMIT names the commit it was built from).
import { coldRoundsSetting, coldStart, writeColdBefore } from "./lib/cold-report.ts";
import { coldTable } from "./lib/cold-table.ts";
import { build } from "./lib/servers.ts";

const rounds = coldRoundsSetting();
const before = process.env.BENCH_COLD_BEFORE;
const json = process.argv.includes("--json");
const print = console.log;
// wrangler and Miniflare log to stdout; with --json, stdout carries the JSON object alone.
if (json) console.log = console.error;
const log = (line: string) => console.log(line);

log(`Building, seeding once, then ${rounds} rounds of cold starts…`);
const script = build("bench-results/build");
const command = `${before ? `BENCH_COLD_BEFORE=${before} BENCH_COLD_BEFORE_COMMIT=${process.env.BENCH_COLD_BEFORE_COMMIT ?? ""} ` : ""}BENCH_COLD_ROUNDS=${rounds} npm run bench:cold${json ? " -- --json" : ""}`;
const report = await coldStart(script, rounds, command, before);
if (before) {
  writeColdBefore(report, before, process.env.BENCH_COLD_BEFORE_COMMIT ?? "unknown");
  log("Wrote bench-results/cold-before.json");
}
print(json ? JSON.stringify(report) : coldTable(report));
process.exit(0);
