// BENCHMARKS.md, from a run's report.
import { cpus, totalmem } from "node:os";
import { ANALYSIS } from "./analysis.ts";
import { fixed, type Report } from "./run-report.ts";

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Linux`;
}

export function markdown(report: Report, workerd: string): string {
  const scenarioRows = Object.entries(report.scenarios).map(
    ([name, r]) =>
      `| ${name} | ${fixed(r.rps, 0)} | ${fixed(r.p50, 3)} | ${fixed(r.p99, 3)} | ${fixed(r.cpuMsPerRequest, 3)} | ${Object.entries(
        r.statuses,
      )
        .map(([code, n]) => `${code}×${n}`)
        .join(" ")} | ${r.note} |`,
  );
  const goalRows = report.goals.map(
    (g) => `| ${g.name} | ${g.target} | ${g.measured} | ${g.met ? "yes" : "**no**"} |`,
  );
  return `# Benchmarks

Produced by \`${report.command}\` on ${report.date} (UTC). Machine: ${machine()}; workerd ${workerd}.
Settings: per scenario, ${report.settings.seconds} s of throughput with ${report.settings.connections} busy connections, then
${report.settings.seconds} s of latency over one connection at up to ${report.settings.rate} requests/s, after ${report.settings.warmupSeconds} s of warm-up; bare 302 and the tracked
redirect alternate over ${report.settings.rounds} rounds and each of their figures is the median. Load from autocannon on 127.0.0.1.

Run it with \`npm run bench\` (about 5 minutes; \`BENCH_SECONDS\`, \`BENCH_CONNECTIONS\`,
\`BENCH_WARMUP_SECONDS\`, \`BENCH_RATE\` and \`BENCH_ROUNDS\` override the defaults). It writes this file and
\`bench-results/latest.json\`, prints a table and, last, one line of JSON. \`npm run bench:profile\`
prints where the Worker's CPU goes (\`-- bot\` or \`-- postback\` for those paths).

## How to read this

Both Workers run on the same runtime (workerd, through Miniflare, no \`wrangler dev\` proxy), on the
same two cores as the load generator, so absolute numbers say more about this machine than about
Cloudflare's edge; the ratios and the row counts are what carry over. **bare 302** is a Worker that
answers a fixed redirect and does nothing else: the ceiling. **req/s** is throughput with every
connection busy; **p50/p99** are latencies over a single connection at a capped rate, so they show
what a request costs rather than how long it queued (at saturation, latency is just connections ÷
throughput). On this shared virtual machine the p99 of even the bare Worker swings between runs
(scheduling and garbage-collection pauses in the runtime and the load generator), so the added
p99 is the median over rounds of tracked minus bare, measured back to back. **CPU ms/req** is the workerd
process's CPU time divided by requests: it includes the runtime's HTTP handling and, for the
tracker, the local D1 and Durable Object simulators, so it is an upper bound of the CPU Cloudflare
would bill. Latencies are measured per response (sub-millisecond), p50 and p99 over the measured
window. Rows read and written come from D1's own result metadata (\`meta.rows_read\`,
\`meta.rows_written\`, index entries included), in a separate pass on a build whose D1 binding is
metered; throughput is measured on the unmodified build.

## Results

| scenario | req/s | p50 ms | p99 ms | CPU ms/req | statuses | what it is |
|---|---|---|---|---|---|---|
${scenarioRows.join("\n")}

D1 rows per operation: click ${report.rows.perClick.written} written, ${fixed(report.rows.perClick.read)} read;
conversion ${report.rows.perConversion.written} written, ${fixed(report.rows.perConversion.read)} read; bot hit ${report.rows.perBotHit.written} written.

One D1 statement (one at a time, as D1 runs them): a single-click insert took ${fixed(report.statementCost.singleInsertMs, 3)} ms, a
100-click insert ${fixed(report.statementCost.hundredRowInsertMs, 3)} ms: one database takes about ${fixed(1000 / report.statementCost.singleInsertMs, 0)} clicks/s written one
by one, about ${fixed((100 * 1000) / report.statementCost.hundredRowInsertMs, 0)} clicks/s written in batches of 100. A stored click carries
${fixed(report.statementCost.clickBytes, 0)} bytes of column data (a browser user agent, no sub-IDs). See docs/scale.md.

## Clicks across shards

The same ${report.shards.one.clicks} clicks (${fixed(report.statementCost.clickBytes, 0)} bytes of column data each, as stored), written by the pipeline's own
writer in consumer batches of 1,000 (ten queue messages of 100), to one database and then spread
over three others, in turn over ${report.shards.gains?.length ?? 1} round(s); each pass has databases of its own (empty at the
first round), not the main one, which holds the rest of the benchmark's rows. D1 runs one query at a time per database, so a database's capacity is what it writes
per second of its own busy time (the sum of D1's \`meta.duration\`); separate databases work side
by side, so the whole takes clicks as fast as its busiest shard allows.

| shards | busy time per shard, ms | statements per shard | clicks/s (busiest shard) | wall time here, ms |
|---|---|---|---|---|
${[report.shards.one, report.shards.three]
  .map(
    (r) =>
      `| ${r.shards} | ${Object.entries(r.perShard)
        .map(([b, v]) => `${b} ${fixed(v.ms, 1)}`)
        .join(", ")} | ${Object.values(r.perShard)
        .map((v) => v.statements)
        .join(", ")} | ${fixed(r.clicksPerSecond, 0)} | ${r.wallMs} |`,
  )
  .join("\n")}

Capacity ×${fixed(report.shards.three.clicksPerSecond / report.shards.one.clicksPerSecond, 2)} with three shards in the median round (every round: ${(report.shards.gains ?? []).map((g) => `×${fixed(g, 2)}`).join(", ")}). On disk (D1's \`meta.size_after\`, pages and B-tree included), a click
took ${fixed(report.shards.one.diskBytesPerClick, 0)} bytes. The wall time does not shrink here: the three local databases
share this process and its two cores, where Cloudflare runs each database on its own.

## The click pipeline

At a steady ${fixed(report.pipeline.clickRate, 0)} clicks/s (${report.pipeline.clicks} clicks), the isolate sent ${fixed(report.pipeline.messagesPerSecond, 1)} queue messages/s of
${fixed(report.pipeline.clicksPerMessage, 1)} clicks (${fixed(report.pipeline.bytesPerMessage / 1024, 1)} KB) each, and the consumer ran ${fixed(report.pipeline.d1StatementsPerSecond, 1)} D1 statements/s, writing
${fixed(report.pipeline.rowsWrittenPerClick, 3)} rows per click. The statement rate follows the consumer's batches (up to 100 messages
each, \`max_concurrency\` of them at once), not the number of isolates.

## The redirect's cost, split

Two builds of the same Worker against the bare 302, round by round: the full one, and one whose
click sink does nothing (\`bench/worker/no-sink-sink.ts\`, built for the benchmark only). The no-sink
build is the Worker's own work per click (routing, the link cache, the bot check, the aecid, the
URL rewrite, the \`Response\`); the difference between the two is the sink's (batching, hashing,
queueing) plus the local queue and D1 simulations, which run in the same process here and on
other machines on Cloudflare.

| build | throughput ÷ bare | p50 added, ms | p99 added, ms | CPU ms/request (bare: ${fixed(report.split.bareCpuMsPerRequest, 3)}) |
|---|---|---|---|---|
${(["tracked", "noSink"] as const)
  .map(
    (k) =>
      `| ${k === "tracked" ? "full" : "no sink"} | ${fixed(report.split[k].ratio, 3)} | ${fixed(report.split[k].addedP50, 3)} | ${fixed(report.split[k].addedP99, 3)} | ${fixed(report.split[k].cpuMsPerRequest, 3)} |`,
  )
  .join("\n")}

How to read it: the no-sink row is what the Worker itself costs per click, and is what changes
when our code changes; the gap between the two rows is the price of handing the click on, most of
which is the queue and D1 simulators sharing this machine. The throughput ratio is close to the
bare 302's CPU per request ÷ the build's, because workerd saturates one core while the load
generator takes the other. The regression guard's figure, the no-sink build's CPU per request ÷
the bare 302's, is ${fixed(report.split.guard.noSinkCpuPerBare, 3)} in this run (committed baseline: ${report.split.guard.baseline === null ? "none" : fixed(report.split.guard.baseline, 3)}; \`npm test\` fails past
the baseline + 60 %).

## Outbound postbacks and webhooks

New postbacks at ${report.hooked.rate}/s over one connection, with the program's two endpoints (a partner GET
postback and a signed webhook, to a local receiver answering 200) off and on in turn, over ${report.settings.rounds} rounds:
p50 ${fixed(report.hooked.without.p50, 3)} ms without, ${fixed(report.hooked.with.p50, 3)} ms with (ratio ${fixed(report.hooked.ratio, 3)}); p99 ${fixed(report.hooked.without.p99, 3)} and
${fixed(report.hooked.with.p99, 3)} ms. The postback only enqueues its event after answering; the delivery
consumer, which here shares the process (and its two cores) with the postbacks, fans the event
out. Deliveries made: ${report.hooked.deliveries.without} while off, ${report.hooked.deliveries.with} for ${report.hooked.deliveries.conversionsWith} conversions while on. At saturation (the
table's throughput), the consumer's work takes its share of the same cores: compare
"postback, new" with "postback, new, 2 endpoints".

## A flood beside real clicks and postbacks

${report.flood.requests} requests of random link IDs (10 and 12 characters) and random conversion keys (unknown
programs, and a real program with random secrets), each from its own address, at ${fixed(report.flood.rps, 0)} req/s
(${Object.entries(report.flood.statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(
      " ",
    )}): ${report.flood.d1Queries} D1 queries, ${fixed(report.flood.d1QueriesPerRequest, 4)} per flood request.

Beside it, over one connection each, real clicks and real postbacks (replays, which read D1). The
control flood has the same rate but costs no D1 (link IDs of a length never issued): what it adds
is this machine's two cores being shared, and the difference between the two floods is what the
random IDs and keys do to D1.

| p50, ms | quiet | control flood | random flood |
|---|---|---|---|
| real click | ${fixed(report.flood.clicksP50.quiet, 3)} | ${fixed(report.flood.clicksP50.control, 3)} | ${fixed(report.flood.clicksP50.flood, 3)} |
| real postback | ${fixed(report.flood.postbacksP50.quiet, 3)} | ${fixed(report.flood.postbacksP50.control, 3)} | ${fixed(report.flood.postbacksP50.flood, 3)} |

No-loss check: ${report.checks.redirectsWithAecid} redirects carried an aecid, ${report.checks.clickRows} click rows were stored, ${report.checks.clicksLost} lost.
Race: ${report.checks.race.sent} postbacks for one click with distinct order ids: ${report.checks.race.registered} registered, ${report.checks.race.conflicts} × 409.

## Goals

| goal | target | measured | met |
|---|---|---|---|
${goalRows.join("\n")}

${ANALYSIS}

## Cost at Cloudflare's list prices

Workers $0.30 per million requests and $0.02 per million CPU-ms; D1 $1.00 per million rows written
and $0.001 per million rows read; Durable Objects $0.15 per million requests plus $12.50 per million
GB-s of duration (128 MB each); Queues $0.40 per million operations (a message costs a write, a read
and a delete per 64 KB, shared by the clicks it carries). CPU is the measured upper bound above.

- Per million clicks: ${report.costs.perMillionClicks.formula}
- Per million conversions: ${report.costs.perMillionConversions.formula}
- Floor for a click (one Worker request, one row written): $${report.costs.clickFloor.toFixed(2)} per million.
`;
}
