// The benchmark's outputs: a table for people, one JSON line for machines, and BENCHMARKS.md.
import { cpus, totalmem } from "node:os";
import type { CostLine } from "./cost.ts";
import type { LoadResult } from "./load.ts";

export interface Goal {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface Report {
  date: string;
  command: string;
  settings: {
    seconds: number;
    connections: number;
    warmupSeconds: number;
    rate: number;
    rounds: number;
  };
  scenarios: Record<string, LoadResult & { note: string }>;
  rows: {
    perClick: { written: number; read: number };
    perConversion: { written: number; read: number };
    perBotHit: { written: number };
  };
  statementCost: { singleInsertMs: number; hundredRowInsertMs: number; clickBytes: number };
  checks: {
    redirectsWithAecid: number;
    clickRows: number;
    clicksLost: number;
    race: { sent: number; registered: number; conflicts: number };
  };
  costs: { perMillionClicks: CostLine; perMillionConversions: CostLine; clickFloor: number };
  goals: Goal[];
}

const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

export function table(report: Report): string {
  const lines = ["scenario               req/s    p50 ms   p99 ms   CPU ms/req  statuses"];
  for (const [name, r] of Object.entries(report.scenarios)) {
    const statuses = Object.entries(r.statuses)
      .map(([code, n]) => `${code}×${n}`)
      .join(" ");
    lines.push(
      `${name.padEnd(20)} ${fixed(r.rps, 0).padStart(7)} ${fixed(r.p50, 3).padStart(9)} ${fixed(r.p99, 3).padStart(8)} ${fixed(r.cpuMsPerRequest, 3).padStart(11)}  ${statuses}${r.errors ? ` errors×${r.errors}` : ""}`,
    );
  }
  lines.push("", "goal                                      target        measured      met");
  for (const goal of report.goals) {
    lines.push(
      `${goal.name.padEnd(41)} ${goal.target.padEnd(13)} ${goal.measured.padEnd(13)} ${goal.met ? "yes" : "NO"}`,
    );
  }
  lines.push("", `per million clicks:      ${report.costs.perMillionClicks.formula}`);
  lines.push(`per million conversions: ${report.costs.perMillionConversions.formula}`);
  return lines.join("\n");
}

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

## How to read this

Both Workers run on the same runtime (workerd, through Miniflare, no \`wrangler dev\` proxy), on the
same two cores as the load generator, so absolute numbers say more about this machine than about
Cloudflare's edge; the ratios and the row counts are what carry over. **bare 302** is a Worker that
answers a fixed redirect and does nothing else: the ceiling. **req/s** is throughput with every
connection busy; **p50/p99** are latencies over a single connection at a capped rate, so they show
what a request costs rather than how long it queued (at saturation, latency is just connections ÷
throughput). On this shared virtual machine the p99 of even the bare Worker swings between runs
(scheduling and garbage-collection pauses in the runtime and the load generator), so the added
p99 is the median over rounds of tracked minus bare, measured back to back. The ratio and the added p99 are taken round by round (bare and tracked measured back
to back) and their median reported, because this machine is shared and noisy. **CPU ms/req** is the workerd
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

No-loss check: ${report.checks.redirectsWithAecid} redirects carried an aecid, ${report.checks.clickRows} click rows were stored, ${report.checks.clicksLost} lost.
Race: ${report.checks.race.sent} postbacks for one click with distinct order ids: ${report.checks.race.registered} registered, ${report.checks.race.conflicts} × 409.

## Goals

| goal | target | measured | met |
|---|---|---|---|
${goalRows.join("\n")}

## Cost at Cloudflare's list prices

Workers $0.30 per million requests and $0.02 per million CPU-ms; D1 $1.00 per million rows written
and $0.001 per million rows read; Durable Objects $0.15 per million requests plus $12.50 per million
GB-s of duration (128 MB each). CPU is the measured upper bound above.

- Per million clicks: ${report.costs.perMillionClicks.formula}
- Per million conversions: ${report.costs.perMillionConversions.formula}
- Floor for a click (one Worker request, one row written): $${report.costs.clickFloor.toFixed(2)} per million.
`;
}
