// `npm run bench:stats`: what a report costs on a million clicks, for the two designs weighed for
// GET /api/stats: daily per-link counters kept on write (what aecid-edge does) against aggregating
// the clicks table when the report is read. D1's own `meta.duration` (time inside the database) and
// `meta.rows_read` (what D1 bills) are reported, and the HTTP answer's wall time.
import { trafficSql } from "../src/storage/stats-sql.ts";
import { ADMIN_TOKEN, build, migrate, serveTracker } from "./lib/servers.ts";

const CLICKS = Number(process.env.STATS_CLICKS ?? 1_000_000);
const DAYS = 30;
const LINKS = 50;
const tracker = await serveTracker(build("bench-results/build"));
await migrate(tracker);
const db = await tracker.mf.getD1Database("DB");
const admin = async (method: string, path: string, body?: unknown) =>
  (await (
    await fetch(`${tracker.url}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json()) as Record<string, any>;

console.log(`Seeding ${CLICKS.toLocaleString("en")} clicks over ${DAYS} days and ${LINKS} links…`);
const program = await admin("POST", "/programs", {
  name: "Stats",
  landing_url: "https://shop.example/",
  allowed_domains: ["shop.example"],
  commission: { type: "percent", value: 10 },
});
const partners = [];
for (let i = 0; i < 10; i++)
  partners.push((await admin("POST", "/partners", { name: `P${i}` })).id as string);
const links = [];
for (let i = 0; i < LINKS; i++) {
  links.push(
    (await admin("POST", "/links", { program_id: program.id, partner_id: partners[i % 10] }))
      .id as string,
  );
}
await db
  .prepare("CREATE TABLE IF NOT EXISTS bench_links (n INTEGER PRIMARY KEY, id TEXT, partner TEXT)")
  .run();
for (const [n, id] of links.entries()) {
  await db
    .prepare("INSERT INTO bench_links VALUES (?1, ?2, ?3)")
    .bind(n, id, partners[n % 10])
    .run();
}
const end = Math.floor(Date.now() / 1000);
const start = end - DAYS * 86_400;
const chunk = 100_000;
for (let offset = 0; offset < CLICKS; offset += chunk) {
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
       INSERT INTO clicks (id, link_id, program_id, partner_id, created_at, device, ua_hash, country,
         ip_hash)
       SELECT unhex(printf('%08x%016x', ?3 + (i * ?4) / ?5, i)), l.id, unhex(?6), unhex(l.partner),
              (?3 + (i * ?4) / ?5) * 1000, 'Chrome 131 / Windows / desktop',
              unhex('8c2cd8689b32eb517507aa7e81419c8c'), 'FR', unhex('ce6eec6de7065c5949e10192a9393afd')
       FROM n JOIN bench_links l ON l.n = i % ?7`,
    )
    .bind(offset, Math.min(offset + chunk, CLICKS), start, DAYS * 86_400, CLICKS, program.id, LINKS)
    .run();
}
// What the click path maintains as it writes: the daily counters.
await db
  .prepare(
    `INSERT INTO daily_link_counts (day, link_id, clicks)
     SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), link_id, count(*) FROM clicks GROUP BY 1, 2`,
  )
  .run();
// 2 % of the clicks converted.
await db
  .prepare(
    `INSERT INTO conversions (id, program_id, order_id, click_id, partner_id, attribution, amount, currency,
       commission, commission_currency, status, initial_status, vouchers, created_at, updated_at,
       goal, repeatable, link_id)
     SELECT 'c' || substr(lower(hex(id)), 2), lower(hex(program_id)), 'o' || lower(hex(id)),
            lower(hex(id)), lower(hex(partner_id)), 'click', 4990, 'EUR', 499, 'EUR',
            'pending', 'pending', '[]', created_at + 3600000, created_at + 3600000, 'sale', 0, link_id
     FROM clicks WHERE abs(random()) % 50 = 0`,
  )
  .run();

const fromDay = new Date(start * 1000).toISOString().slice(0, 10);
const toDay = new Date(end * 1000).toISOString().slice(0, 10);
const fromId = `${start.toString(16).padStart(8, "0")}0000000000000000`;
const toId = `${(end + 1).toString(16).padStart(8, "0")}0000000000000000`;
const onRead: Record<string, string> = {
  partner: "partner_id",
  day: "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')",
  link: "link_id",
};

const rows: string[] = [];
const summary: Record<string, unknown> = {};
for (const groupBy of ["partner", "day", "link"] as const) {
  // The very statement GET /api/stats runs for its traffic.
  const counters = await db.prepare(trafficSql(groupBy)).bind(fromDay, toDay, program.id).all();
  const scan = await db
    .prepare(
      `SELECT ${onRead[groupBy]} AS key, count(*) FROM clicks
       WHERE id >= unhex(?1) AND id < unhex(?2) AND program_id = unhex(?3) GROUP BY 1`,
    )
    .bind(fromId, toId, program.id)
    .all();
  const started = performance.now();
  const http = await fetch(
    `${tracker.url}/api/stats?program_id=${program.id}&from=${fromDay}&to=${toDay}&group_by=${groupBy}`,
    {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    },
  );
  const body = (await http.json()) as { data: { clicks: number }[] };
  const httpMs = performance.now() - started;
  const total = body.data.reduce((sum, row) => sum + row.clicks, 0);
  rows.push(
    `| ${groupBy} | ${counters.meta.duration.toFixed(1)} ms, ${counters.meta.rows_read} rows read | ${scan.meta.duration.toFixed(1)} ms, ${scan.meta.rows_read} rows read | ${httpMs.toFixed(0)} ms (${total} clicks) |`,
  );
  summary[groupBy] = {
    counters: { ms: counters.meta.duration, rowsRead: counters.meta.rows_read },
    aggregateOnRead: { ms: scan.meta.duration, rowsRead: scan.meta.rows_read },
    httpMs: Math.round(httpMs),
    clicks: total,
  };
}
console.log(
  `\n| group_by | counters (what runs) | aggregating clicks on read | GET /api/stats |\n|---|---|---|---|\n${rows.join("\n")}\n`,
);
console.log(JSON.stringify({ clicks: CLICKS, ...summary }));
await tracker.mf.dispose();
process.exit(0);
