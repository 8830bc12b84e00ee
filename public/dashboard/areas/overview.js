// The overview of the chosen program over the range: totals (and today's), the daily chart
// (uPlot), the per-partner table and the conversions waiting for a decision.
import { drawDaily, resizeChart } from "../chart.js";
import { api } from "../ui/api.js";
import { count, isoDay, moneyMap, percent } from "../ui/format.js";
import { html, useEffect, useRef, useState } from "../ui/preact.js";
import { ErrorNote, Table } from "../ui/table.js";
import { PendingTable } from "./pending.js";

/** The currency with the most revenue over the range, for the chart's money axis. */
function mainCurrency(days) {
  const totals = sumRevenue(days);
  return Object.entries(totals).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function sumRevenue(days) {
  const revenue = {};
  for (const row of days)
    for (const [c, v] of Object.entries(row.revenue)) revenue[c] = (revenue[c] ?? 0) + v;
  return revenue;
}

function Totals({ days, id, label }) {
  const sum = (pick) => days.reduce((total, row) => total + pick(row), 0);
  const clicks = sum((r) => r.clicks);
  const conversions = sum((r) => r.conversions);
  const cards = [
    ["clicks", count(clicks)],
    ["conversions", count(conversions)],
    ["conversion rate", percent(clicks ? conversions / clicks : 0)],
    ["revenue", moneyMap(sumRevenue(days))],
    ["bot hits", count(sum((r) => r.bot_hits))],
  ];
  return html`<section class="cards" id=${id} aria-label=${label}>
    ${cards.map(([name, value]) => html`<div class="card"><div class="value">${value}</div><div class="label">${name}</div></div>`)}
  </section>`;
}

function Chart({ days }) {
  const box = useRef(null);
  useEffect(() => {
    drawDaily(box.current, days, mainCurrency(days));
    const resize = () => resizeChart(box.current);
    addEventListener("resize", resize);
    return () => removeEventListener("resize", resize);
  }, [days]);
  return html`<div id="chart" class="chart" ref=${box}></div>`;
}

const partnerColumns = (names) => [
  ["Partner", (r) => names.get(r.partner_id) ?? r.partner_id],
  ["Clicks", (r) => count(r.clicks), true],
  ["Bot hits", (r) => count(r.bot_hits), true],
  ["Impressions", (r) => count(r.impressions), true],
  ["Conversions", (r) => count(r.conversions), true],
  ["Rate", (r) => percent(r.conversion_rate), true],
  ["Revenue", (r) => moneyMap(r.revenue), true],
  ["Commission", (r) => moneyMap(r.commission), true],
];

export function OverviewArea({ ctx }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [version, setVersion] = useState(0);
  const { programId, from, to } = ctx;
  useEffect(() => {
    if (!programId) return;
    let current = true;
    setError(null);
    const range = `program_id=${programId}&from=${from}&to=${to}`;
    Promise.all([api(`/stats?${range}&group_by=day`), api(`/stats?${range}&group_by=partner`)])
      .then(
        ([days, partners]) =>
          current && setData({ programId, days: days.data, partners: partners.data }),
      )
      .catch((failure) => current && setError(failure));
    return () => {
      current = false;
    };
  }, [programId, from, to, version]);
  if (!programId)
    return html`<p class="status">No program yet: create one under <a href="#/programs">Programs</a>.</p>`;
  const today = data?.days.slice(-1) ?? [];
  return html`<section id="overview" data-program=${data?.programId}>
    <${ErrorNote} error=${error} />
    ${
      data &&
      html`<h2>Over the range</h2><${Totals} id="totals" label="Totals" days=${data.days} />
      <h2>${to === isoDay(Date.now()) ? "Today" : `On ${to}`}</h2><${Totals} id="today" label="Today" days=${today} />
      <section><h2>Clicks, conversions and revenue per day</h2><${Chart} days=${data.days} /></section>
      <section><h2>Partners</h2><${Table} id="partners" columns=${partnerColumns(ctx.names)} rows=${data.partners} empty="No traffic in this range." /></section>`
    }
    <section>
      <h2>Pending conversions</h2>
      <${PendingTable} ctx=${ctx} onDecided=${() => setVersion((v) => v + 1)} />
    </section>
  </section>`;
}
