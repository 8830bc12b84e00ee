// `npm run bench:redirect`: the redirect alone, for the profile-then-fix loop: the bare 302, the
// full build and the no-sink build, round by round (BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS
// as for `npm run bench`). Prints the split; writes nothing.
import type { Settings } from "./lib/measure.ts";
import { servedSplit } from "./lib/redirect-split.ts";
import { formatSpread } from "./lib/spread.ts";

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const s: Settings = {
  seconds: setting("BENCH_SECONDS", 5),
  warmupSeconds: setting("BENCH_WARMUP_SECONDS", 2),
  connections: setting("BENCH_CONNECTIONS", 10),
  rate: setting("BENCH_RATE", 200),
  rounds: setting("BENCH_ROUNDS", 7),
};
const split = await servedSplit("bench-results");
const result = await split.measure(s);
console.log(
  `bare: ${result.bare.rps.toFixed(0)} req/s, ${result.bare.cpuMsPerRequest.toFixed(3)} CPU-ms/req (process), ${((result.bare.isolateCpuMs ?? Number.NaN) * 1000).toFixed(1)} µs/req in the isolate`,
);
for (const name of ["full", "noSink"] as const) {
  const r = result[name];
  console.log(
    `${name.padEnd(7)} throughput ÷ bare ${formatSpread(r.spread.throughput)}  process CPU ÷ bare ${formatSpread(r.spread.processCpu)}  isolate CPU ÷ bare ${formatSpread(r.spread.isolateCpu)}  isolate ${formatSpread(r.isolateCpuMs, 4)} ms/req  +p50 ${r.addedP50.toFixed(3)} ms  +p99 ${r.addedP99.toFixed(3)} ms`,
  );
}
await split.dispose();
process.exit(0);
