// `npm run bench:reports`: what GET /api/reports costs on ten million clicks (issue 26's goals:
// ≤ 50 ms and ≤ 50,000 rows read a report, ≤ 1.5 rows written a click). The counter rows that
// 10 M clicks over 1,000 links, 90 days and 50,000 sub1 values leave are written by the Worker's
// own upsert (bench/worker/report-seed.ts); then 30-day reports are asked over HTTP, round after
// round, and their statement's D1 metadata read. Rows written per click come from a real pass of
// clicks through the redirect, the queue and the click writer, with varied values.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { meterOf, settle } from "./lib/meter.ts";
import { HUMAN_UA } from "./lib/seed-data.ts";
import { ADMIN_TOKEN, build, migrate, serveTracker } from "./lib/servers.ts";
import { spreadOf } from "./lib/spread.ts";

const CLICKS = Number(process.env.REPORT_CLICKS ?? 10_000_000);
const LINKS = Number(process.env.REPORT_LINKS ?? 1000);
const DAYS = Number(process.env.REPORT_DAYS ?? 90);
const SUB1 = Number(process.env.REPORT_SUB1 ?? 50_000);
const ROUNDS = Number(process.env.REPORT_ROUNDS ?? 5);
const WINDOW = 30;
const REPORTS = [["country"], ["sub1"], ["day", "device"]];

const tracker = await serveTracker(build("bench-results/reports-build", "bench/worker/metered.ts"));
await migrate(tracker);
const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${tracker.url}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
};

const program = await admin("POST", "/programs", {
  name: "Reports",
  landing_url: "https://shop.example/",
  allowed_domains: ["shop.example"],
  commission: { type: "percent", value: 10 },
});
const partners: string[] = [];
for (let i = 0; i < 10; i++)
  partners.push((await admin("POST", "/partners", { name: `P${i}` })).id);
const links: { id: string; partner: string }[] = [];
for (let i = 0; i < LINKS; i++) {
  const partner = partners[i % partners.length] as string;
  const link = await admin("POST", "/links", { program_id: program.id, partner_id: partner });
  links.push({ id: link.id, partner });
}

console.log(
  `Seeding the rollups of ${CLICKS.toLocaleString("en")} clicks (${LINKS} links, ${DAYS} days, ${SUB1.toLocaleString("en")} sub1 values)…`,
);
const today = Date.now();
const dayOf = (back: number) => new Date(today - back * 86_400_000).toISOString().slice(0, 10);
const seedStarted = performance.now();
let inWindow = 0;
let seededRows = 0;
for (let back = DAYS - 1; back >= 0; back--) {
  const seeded = await (
    await fetch(`${tracker.url}/__meter/report-seed`, {
      method: "POST",
      body: JSON.stringify({
        at: today - back * 86_400_000,
        programId: program.id,
        links,
        clicks: Math.round(CLICKS / DAYS),
        sub1Values: SUB1,
        cap: 1000,
      }),
    })
  ).json();
  if (back < WINDOW) inWindow += seeded.clicks;
  seededRows += seeded.rowsWritten;
}
const seedSeconds = (performance.now() - seedStarted) / 1000;
console.log(`Seeded ${seededRows} counter rows in ${seedSeconds.toFixed(0)} s.`);

const from = dayOf(WINDOW - 1);
const to = dayOf(0);
const reports: Record<string, unknown> = {};
for (const groupBy of REPORTS) {
  const key = groupBy.join(",");
  const wall: number[] = [];
  const d1: number[] = [];
  let rowsRead = 0;
  let statements = 0;
  let answered = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const response = await fetch(
      `${tracker.url}/api/reports?from=${from}&to=${to}&group_by=${key}&sort=clicks&limit=100`,
      { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    const body = (await response.json()) as { data: unknown[] };
    wall.push(performance.now() - started);
    if (!response.ok) throw new Error(`report ${key}: ${response.status} ${JSON.stringify(body)}`);
    answered = body.data.length;
    const cost = await (
      await fetch(`${tracker.url}/__meter/report-read?group_by=${key}&from=${from}&to=${to}`)
    ).json();
    d1.push(cost.ms);
    rowsRead = cost.rowsRead;
    statements = cost.statements;
  }
  reports[key] = { wallMs: spread(wall), d1Ms: spread(d1), rowsRead, statements, rows: answered };
}

// The clicks the 30-day report by day counts must be the clicks seeded in those days.
const byDay = (await (
  await fetch(`${tracker.url}/api/reports?from=${from}&to=${to}&group_by=day&limit=100`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  })
).json()) as { data: { clicks: number }[] };
const counted = byDay.data.reduce((sum, row) => sum + row.clicks, 0);
if (counted !== inWindow)
  throw new Error(`the report counts ${counted} clicks, ${inWindow} seeded`);

const perClick = await rowsWrittenPerClick();
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
  encoding: "utf8",
}).stdout.trim();
const result = {
  date: new Date().toISOString().slice(0, 16).replace("T", " "),
  commit,
  clicks: CLICKS,
  links: LINKS,
  days: DAYS,
  sub1Values: SUB1,
  windowDays: WINDOW,
  clicksInWindow: inWindow,
  counterRows: seededRows,
  seedSeconds: Math.round(seedSeconds),
  rounds: ROUNDS,
  reports,
  rowsWrittenPerClick: perClick,
};
writeFileSync("bench-results/reports.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
await tracker.mf.dispose();
process.exit(0);

function spread(values: number[]) {
  const s = spreadOf(values);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(s.median), min: round(s.min), max: round(s.max) };
}

/** Clicks through the whole pipeline with varied sub-IDs and referrers, over 10 links. */
async function rowsWrittenPerClick() {
  const meter = meterOf(tracker);
  const sample = 1000;
  await fetch(`${tracker.url}/c/${links[0]?.id}`, {
    headers: { "User-Agent": HUMAN_UA },
    redirect: "manual",
  });
  await settle(meter);
  await meter(true);
  for (let i = 0; i < sample; i += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, j) =>
        fetch(`${tracker.url}/c/${links[(i + j) % 10]?.id}?sub1=v${i + j}&sub2=p${j % 7}`, {
          headers: { "User-Agent": HUMAN_UA, Referer: `https://site${j % 13}.example/page` },
          redirect: "manual",
        }),
      ),
    );
  }
  await settle(meter);
  const totals = await meter();
  return Math.round((totals.rowsWritten / sample) * 1000) / 1000;
}
