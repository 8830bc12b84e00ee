// Re-renders BENCHMARKS.md from the last full run (bench-results/latest.json), e.g. after editing
// its prose (bench/BENCHMARKS.template.md), without running the benchmark again.
import { readFileSync, writeFileSync } from "node:fs";
import { markdown } from "./lib/benchmarks-md.ts";
import type { Report } from "./lib/run-report.ts";

const report = JSON.parse(readFileSync("bench-results/latest.json", "utf8")) as Report;
const workerd = JSON.parse(readFileSync("node_modules/workerd/package.json", "utf8"))
  .version as string;
writeFileSync("BENCHMARKS.md", markdown(report, workerd));
console.log("Rewrote BENCHMARKS.md from bench-results/latest.json");
