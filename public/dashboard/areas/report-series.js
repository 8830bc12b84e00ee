// The chart's lines (pure, no DOM): the chosen measure per day over the whole range, days without
// traffic as zero; money as one line per currency.
import { money } from "../ui/format.js";
import { MEASURES, MONEY } from "./report-query.js";

const COLORS = ["#2f5bd3", "#1f7a3a", "#c77700", "#8a3ab9", "#b8323a"];
const DAY = 86_400_000;
const labelOf = (measure) => MEASURES.find(([name]) => name === measure)?.[1] ?? measure;

/** Every day from `from` to `to` (ISO dates), as uPlot's seconds. */
function daysOf(from, to) {
  const out = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY)
    out.push(t / 1000);
  return out;
}

/** uPlot's data and series for `measure` over `rows` (one per day, in any order). */
export function chartData(rows, measure, from, to) {
  const x = daysOf(from, to);
  const at = new Map(rows.map((r) => [Date.parse(`${r.day}T00:00:00Z`) / 1000, r]));
  if (!MONEY.has(measure)) {
    const label = measure === "conversion_rate" ? "Conversion rate (%)" : labelOf(measure);
    const scale = measure === "conversion_rate" ? 100 : 1;
    return {
      data: [x, x.map((t) => (at.get(t)?.[measure] ?? 0) * scale)],
      series: [{ label, stroke: COLORS[0], width: 2 }],
    };
  }
  const currencies = [...new Set(rows.flatMap((r) => Object.keys(r[measure] ?? {})))].sort();
  return {
    data: [x, ...currencies.map((c) => x.map((t) => at.get(t)?.[measure]?.[c] ?? 0))],
    series: currencies.map((c, i) => ({
      label: `${labelOf(measure)} (${c})`,
      stroke: COLORS[i % COLORS.length],
      width: 2,
      value: (_, v) => (v === null ? "—" : money(v, c)),
    })),
  };
}
