// The daily chart: clicks and conversions (left axis), revenue in the program's main currency
// (right axis), drawn by uPlot.
import { money } from "./ui/format.js";

let chart = null;

export function drawDaily(container, days, currency) {
  const x = days.map((row) => Date.parse(`${row.day}T00:00:00Z`) / 1000);
  const revenue = days.map((row) => (currency ? (row.revenue[currency] ?? 0) : 0));
  const data = [x, days.map((row) => row.clicks), days.map((row) => row.conversions), revenue];
  const width = Math.max(280, container.clientWidth - 16);
  const options = {
    width,
    height: 280,
    scales: { x: { time: true }, money: {} },
    series: [
      {},
      { label: "Clicks", stroke: "#2f5bd3", width: 2 },
      { label: "Conversions", stroke: "#1f7a3a", width: 2 },
      {
        label: currency ? `Revenue (${currency})` : "Revenue",
        stroke: "#c77700",
        width: 2,
        scale: "money",
        value: (_, v) => (v === null || !currency ? "—" : money(v, currency)),
      },
    ],
    axes: [
      {},
      { label: "count" },
      {
        side: 1,
        scale: "money",
        size: 80,
        grid: { show: false },
        values: (_, ticks) => ticks.map((t) => (currency ? money(t, currency) : t)),
      },
    ],
  };
  chart?.destroy();
  chart = new window.uPlot(options, data, container);
  container.dataset.points = String(x.length);
  return chart;
}

export function resizeChart(container) {
  chart?.setSize({ width: Math.max(280, container.clientWidth - 16), height: 280 });
}
