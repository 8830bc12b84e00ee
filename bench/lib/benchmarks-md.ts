// BENCHMARKS.md, from a run's report: the prose is bench/BENCHMARKS.template.md, kept by hand; this
// fills its {{placeholders}} with the run's figures and tables.
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { coldValues } from "./cold-markdown.ts";
import {
  GUARD_FIGURE_NAMES,
  GUARD_FIGURES,
  type GuardFigure,
  readBaseline,
} from "./regression-guard.ts";
import { reportsValues } from "./reports-md.ts";
import { fixed, type Report } from "./run-report.ts";
import { readSmokeRuns } from "./smoke-runs-file.ts";
import { sourcesValues } from "./sources-md.ts";
import { formatSpread, spreadOf } from "./spread.ts";

export const TEMPLATE_FILE = "bench/BENCHMARKS.template.md";

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Linux`;
}

const statusList = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");

function tables(report: Report) {
  const scenarioRows = Object.entries(report.scenarios).map(
    ([name, r]) =>
      `| ${name} | ${fixed(r.rps, 0)} | ${fixed(r.p50, 3)} | ${fixed(r.p99, 3)} | ${fixed(r.cpuMsPerRequest, 3)} | ${fixed(r.isolateCpuMs ?? Number.NaN, 4)} | ${statusList(r.statuses)} | ${r.note} |`,
  );
  const shardRows = [report.shards.one, report.shards.three].map(
    (r) =>
      `| ${r.shards} | ${Object.entries(r.perShard)
        .map(([b, v]) => `${b} ${fixed(v.ms, 1)}`)
        .join(", ")} | ${Object.values(r.perShard)
        .map((v) => v.statements)
        .join(", ")} | ${fixed(r.clicksPerSecond, 0)} | ${r.wallMs} |`,
  );
  const splitRows = (["tracked", "noSink"] as const).map(
    (k) =>
      `| ${k === "tracked" ? "full" : "no sink"} | ${formatSpread(report.split[k].spread.throughput)} | ${formatSpread(report.split[k].spread.processCpu)} | ${formatSpread(report.split[k].spread.isolateCpu)} | ${formatSpread(report.split[k].isolateCpuMs, 4)} | ${fixed(report.split[k].addedP50, 3)} | ${fixed(report.split[k].addedP99, 3)} |`,
  );
  const targetRows = report.goals.map(
    (g) => `| ${g.name} | ${g.target} | ${g.measured} | ${g.met ? "yes" : "**no**"} |`,
  );
  return {
    scenario_rows: scenarioRows.join("\n"),
    shard_rows: shardRows.join("\n"),
    split_rows: splitRows.join("\n"),
    target_rows: targetRows.join("\n"),
  };
}

/** The guard's figure in this run, and the committed baseline's runs it was chosen from. */
function guardValues(report: Report) {
  const { guard } = report.split;
  const baseline = readBaseline();
  const rows = GUARD_FIGURE_NAMES.map((f) => {
    const runs = baseline?.runs[f] ?? [];
    const chosen = baseline?.figure === f ? " (the guard's)" : "";
    return `| ${GUARD_FIGURES[f].label}${chosen} | ${runs.length} | ${formatSpread(spreadOf(runs))} | ${baseline ? fixed(baseline.spread[f] * 100, 1) : "n/a"} % |`;
  });
  return {
    guard_label: GUARD_FIGURES[guard.name as GuardFigure]?.label ?? guard.name,
    guard_figure: fixed(guard.figure, 3),
    guard_baseline: guard.baseline === null ? "none" : fixed(guard.baseline, 3),
    guard_limit: guard.limit === null ? "none" : fixed(guard.limit, 3),
    guard_margin: baseline ? `${Math.round(baseline.margin * 100)} %` : "none",
    guard_runs_rows: rows.join("\n"),
    guard_runs_command: baseline?.command ?? "npm run bench:baseline",
    guard_runs_date: baseline?.date ?? "never",
    ...smokeRunValues(),
  };
}

/** How often `npm test`'s smoke run failed on a tree nobody changed (`npm run bench:smoke-runs`). */
function smokeRunValues() {
  const smoke = readSmokeRuns();
  if (!smoke) return { smoke_runs_summary: "not measured yet: run `npm run bench:smoke-runs`" };
  const figures = smoke.runs.flatMap((r) => (r.guard ? [r.guard.figure] : []));
  const limit = smoke.runs.find((r) => r.guard?.limit != null)?.guard?.limit;
  const failed = smoke.runs.filter((r) => !r.passed).map((r) => r.failure);
  return {
    smoke_runs_summary: [
      `**${smoke.failures} of ${smoke.runs.length}** smoke runs failed (commit ${smoke.commit}, ${smoke.date}).`,
      `The guard's figure read ${formatSpread(spreadOf(figures))} over the runs, against a limit of ${limit == null ? "none" : fixed(limit, 3)}.`,
      ...failed.map((f) => `A failure: ${f}.`),
    ].join(" "),
  };
}

/** Every placeholder of the template and its text for this run. */
function values(report: Report, workerd: string): Record<string, string | number> {
  const { settings, rows, statementCost, shards, pipeline, split, hooked, flood, checks, costs } =
    report;
  return {
    command: report.command,
    date: report.date,
    machine: machine(),
    workerd,
    seconds: settings.seconds,
    connections: settings.connections,
    rate: settings.rate,
    warmup_seconds: settings.warmupSeconds,
    rounds: settings.rounds,
    ...tables(report),
    click_rows_written: rows.perClick.written,
    click_rows_read: fixed(rows.perClick.read),
    conversion_rows_written: rows.perConversion.written,
    conversion_rows_read: fixed(rows.perConversion.read),
    bot_hit_rows_written: rows.perBotHit.written,
    single_insert_ms: fixed(statementCost.singleInsertMs, 3),
    hundred_row_insert_ms: fixed(statementCost.hundredRowInsertMs, 3),
    direct_clicks_per_second: fixed(1000 / statementCost.singleInsertMs, 0),
    batched_clicks_per_second: fixed((100 * 1000) / statementCost.hundredRowInsertMs, 0),
    click_bytes: fixed(statementCost.clickBytes, 0),
    shard_clicks: shards.one.clicks,
    shard_rounds: shards.gains?.length ?? 1,
    shard_gain: fixed(shards.three.clicksPerSecond / shards.one.clicksPerSecond, 2),
    shard_gains: (shards.gains ?? []).map((g) => `×${fixed(g, 2)}`).join(", "),
    disk_bytes_per_click: fixed(shards.one.diskBytesPerClick, 0),
    pipeline_click_rate: fixed(pipeline.clickRate, 0),
    pipeline_clicks: pipeline.clicks,
    messages_per_second: fixed(pipeline.messagesPerSecond, 1),
    clicks_per_message: fixed(pipeline.clicksPerMessage, 1),
    kb_per_message: fixed(pipeline.bytesPerMessage / 1024, 1),
    d1_statements_per_second: fixed(pipeline.d1StatementsPerSecond, 1),
    rows_written_per_click: fixed(pipeline.rowsWrittenPerClick, 3),
    bare_cpu_ms_per_request: fixed(split.bareCpuMsPerRequest, 3),
    bare_isolate_ms: fixed(split.bareIsolateCpuMs ?? Number.NaN, 4),
    ...guardValues(report),
    hooked_rate: hooked.rate,
    hooked_p50_without: fixed(hooked.without.p50, 3),
    hooked_p50_with: fixed(hooked.with.p50, 3),
    hooked_ratio: fixed(hooked.ratio, 3),
    hooked_p99_without: fixed(hooked.without.p99, 3),
    hooked_p99_with: fixed(hooked.with.p99, 3),
    deliveries_without: hooked.deliveries.without,
    deliveries_with: hooked.deliveries.with,
    conversions_with: hooked.deliveries.conversionsWith,
    flood_requests: flood.requests,
    flood_rps: fixed(flood.rps, 0),
    flood_statuses: statusList(flood.statuses),
    flood_d1_queries: flood.d1Queries,
    flood_queries_per_request: fixed(flood.d1QueriesPerRequest, 4),
    flood_click_quiet: fixed(flood.clicksP50.quiet, 3),
    flood_click_control: fixed(flood.clicksP50.control, 3),
    flood_click_random: fixed(flood.clicksP50.flood, 3),
    flood_postback_quiet: fixed(flood.postbacksP50.quiet, 3),
    flood_postback_control: fixed(flood.postbacksP50.control, 3),
    flood_postback_random: fixed(flood.postbacksP50.flood, 3),
    redirects_with_aecid: checks.redirectsWithAecid,
    click_rows: checks.clickRows,
    clicks_lost: checks.clicksLost,
    race_sent: checks.race.sent,
    race_registered: checks.race.registered,
    race_conflicts: checks.race.conflicts,
    per_million_clicks: costs.perMillionClicks.formula,
    per_million_conversions: costs.perMillionConversions.formula,
    click_floor: costs.clickFloor.toFixed(2),
    ...coldValues(report.cold),
    ...reportsValues(),
    ...sourcesValues(),
  };
}

/**
 * Fills the template's placeholders; a placeholder without a value, or a value without its
 * placeholder, is an error rather than a page with a hole in it.
 */
export function fill(template: string, given: Record<string, string | number>): string {
  const unused = new Set(Object.keys(given));
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in given)) throw new Error(`${TEMPLATE_FILE}: no value for {{${name}}}`);
    unused.delete(name);
    return String(given[name]);
  });
  if (unused.size > 0) throw new Error(`${TEMPLATE_FILE}: no {{${[...unused].join("}}, {{")}}}`);
  return text;
}

/** The template without its leading comment (which is for whoever edits the template). */
const template = () => readFileSync(TEMPLATE_FILE, "utf8").replace(/^<!--[\s\S]*?-->\n/, "");

export const markdown = (report: Report, workerd: string) =>
  fill(template(), values(report, workerd));
