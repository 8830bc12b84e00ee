// The chosen measure by day (its lines: report-series.js), drawn by uPlot as the overview's is.
import { html, useEffect, useRef } from "../ui/preact.js";
import { chartData } from "./report-series.js";

export function ReportChart({ rows, measure, from, to }) {
  const box = useRef(null);
  useEffect(() => {
    const container = box.current;
    const { data, series } = chartData(rows, measure, from, to);
    const width = () => Math.max(260, container.clientWidth - 16);
    const chart = new window.uPlot(
      { width: width(), height: 260, scales: { x: { time: true } }, series: [{}, ...series] },
      data,
      container,
    );
    container.dataset.points = String(data[0].length);
    container.dataset.series = String(series.length);
    // What the lines add up to, so a test (or a person reading the DOM) sees that data was drawn.
    container.dataset.total = String(
      data
        .slice(1)
        .flat()
        .reduce((a, b) => a + b, 0),
    );
    const resize = () => chart.setSize({ width: width(), height: 260 });
    addEventListener("resize", resize);
    return () => {
      removeEventListener("resize", resize);
      chart.destroy();
    };
  }, [rows, measure, from, to]);
  return html`<div id="report-chart" class="chart" ref=${box}></div>`;
}
