// The report's chart: the chosen measure by day (uPlot, as the overview's), for the same filters.
// A money measure is drawn in the currency with the largest total over the range: currencies are
// never added together.
import { money } from "../ui/format.js";
import { html, useEffect, useRef } from "../ui/preact.js";

let chart = null;

function currencyOf(days, measure) {
  const totals = {};
  for (const row of days)
    for (const [c, v] of Object.entries(row[measure] ?? {})) totals[c] = (totals[c] ?? 0) + v;
  return Object.entries(totals).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function series(days, measure) {
  if (["clicks", "bot_hits", "conversions", "approved", "conversion_rate"].includes(measure)) {
    return { values: days.map((row) => row[measure] ?? 0), currency: null };
  }
  const currency = currencyOf(days, measure);
  return { values: days.map((row) => (currency ? (row[measure][currency] ?? 0) : 0)), currency };
}

function draw(container, days, measure, label) {
  const x = days.map((row) => Date.parse(`${row.day}T00:00:00Z`) / 1000);
  const { values, currency } = series(days, measure);
  const format = (v) => (v === null ? "—" : currency ? money(v, currency) : String(v));
  const options = {
    width: Math.max(280, container.clientWidth - 16),
    height: 240,
    scales: { x: { time: true } },
    series: [
      {},
      {
        label: currency ? `${label} (${currency})` : label,
        stroke: "#2f5bd3",
        width: 2,
        value: (_, v) => format(v),
      },
    ],
    axes: [{}, { size: 80, values: (_, ticks) => ticks.map(format) }],
  };
  chart?.destroy();
  chart = new window.uPlot(options, [x, values], container);
  container.dataset.points = String(x.length);
  container.dataset.measure = measure;
  container.dataset.total = String(values.reduce((a, b) => a + b, 0));
}

export function ReportChart({ days, measure, label }) {
  const box = useRef(null);
  useEffect(() => {
    if (!days) return;
    draw(box.current, days, measure, label);
    const resize = () =>
      chart?.setSize({ width: Math.max(280, box.current.clientWidth - 16), height: 240 });
    addEventListener("resize", resize);
    return () => removeEventListener("resize", resize);
  }, [days, measure]);
  return html`<div id="report-chart" class="chart" ref=${box}></div>`;
}
