// `npm run bench:cold`: the time from a fresh isolate to its first answer, for a redirect, a
// postback and GET /api/openapi.json, each against a bare Worker's cold first answer (bench/lib/
// cold-start.ts). BENCH_COLD_ROUNDS rounds (default 7); BENCH_COLD_BEFORE=<bundle.js> also starts
// that bundle's redirect cold in every round (the bundle from before the split, for the before
// figures); `--json` prints one JSON object instead of the table.
import { coldFigures } from "./lib/cold-figures.ts";
import { bundleSize, coldRounds, coldTargets, preparedState } from "./lib/cold-start.ts";
import { coldTable } from "./lib/cold-table.ts";
import { build } from "./lib/servers.ts";

const rounds = Number(process.env.BENCH_COLD_ROUNDS ?? 7);
const before = process.env.BENCH_COLD_BEFORE;
const json = process.argv.includes("--json");
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

log(`Building, seeding once, then ${rounds} rounds of cold starts…`);
const script = build("bench-results/build");
const state = await preparedState(script, rounds);
const measured = await coldRounds(coldTargets(script, state, before), rounds);
const report = {
  command: `${before ? `BENCH_COLD_BEFORE=${before} ` : ""}BENCH_COLD_ROUNDS=${rounds} npm run bench:cold${json ? " -- --json" : ""}`,
  date: new Date().toISOString().replace("T", " ").slice(0, 16),
  rounds,
  figures: coldFigures(measured),
  bytes: bundleSize(),
  samples: measured,
};
if (json) console.log(JSON.stringify(report));
else console.log(coldTable(report));
process.exit(0);
