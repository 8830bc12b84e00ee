// Reports: the chosen program's traffic and conversions over the range, broken down by one or two
// keys (at most one click dimension), filtered by partner and goal; a table sorted by any measure
// (through the API), more rows on demand, the chosen measure by day in a chart, and the CSV.
import { api, csvFile } from "../ui/api.js";
import { Field, useForm } from "../ui/form.js";
import { filterQuery } from "../ui/paging.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";
import { ReportChart } from "./report-chart.js";
import { MEASURES, ReportTable } from "./report-table.js";

const DIMENSIONS = ["sub1", "sub2", "sub3", "sub4", "sub5", "country", "device", "referrer"];
const KEYS = ["day", "partner", "link", ...DIMENSIONS, "goal"];
const keyOptions = (none) => [...(none ? [["", "—"]] : []), ...KEYS.map((k) => [k, k])];
const PAGE = 100;

/** The group keys chosen, or the reason they cannot be asked for together. */
export function groupKeys(first, second) {
  const keys = [first, second].filter(Boolean);
  if (keys.length === 2 && keys[0] === keys[1]) return { problem: "Pick two different keys." };
  if (keys.filter((k) => DIMENSIONS.includes(k)).length > 1) {
    return {
      problem: "Two click dimensions are not crossed: pair one with day, partner, link or goal.",
    };
  }
  return { keys };
}

/** Each day of the range, with its row or zeros: the chart's axis is the range, not its traffic. */
export function everyDay(from, to, rows) {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days = [];
  for (
    let at = Date.parse(`${from}T00:00:00Z`);
    at <= Date.parse(`${to}T00:00:00Z`);
    at += 86_400_000
  ) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push(
      byDay.get(day) ?? {
        day,
        clicks: 0,
        bot_hits: 0,
        conversions: 0,
        approved: 0,
        conversion_rate: 0,
        revenue: {},
        commission: {},
        epc: {},
      },
    );
  }
  return days;
}

async function download(query, ctx) {
  const blob = await csvFile(`/reports?${query}&format=csv`);
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), {
    href: url,
    download: `report_${ctx.from}_${ctx.to}.csv`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ReportsArea({ ctx }) {
  const form = useForm({
    first: "country",
    second: "",
    partner_id: "",
    goal: "",
    measure: "clicks",
  });
  const [order, setOrder] = useState({ sort: "clicks", order: "desc" });
  const [page, setPage] = useState({ rows: null, next: null });
  const [days, setDays] = useState(null);
  const [error, setError] = useState(null);
  const chosen = groupKeys(form.values.first, form.values.second);
  const filters = filterQuery({
    program_id: ctx.programId,
    from: ctx.from,
    to: ctx.to,
    partner_id: form.values.partner_id,
    goal: form.values.goal,
  });
  const query = chosen.keys
    ? `${filters}&group_by=${chosen.keys.join(",")}&sort=${order.sort}&order=${order.order}`
    : null;
  useEffect(() => {
    if (!ctx.programId || !query) return;
    let current = true;
    setError(null);
    setPage({ rows: null, next: null });
    Promise.all([
      api(`/reports?${query}&limit=${PAGE}`),
      api(`/reports?${filters}&group_by=day&limit=1000`),
    ])
      .then(([rows, byDay]) => {
        if (!current) return;
        setPage({ rows: rows.data, next: rows.next_cursor });
        setDays(everyDay(ctx.from, ctx.to, byDay.data));
      })
      .catch((failure) => current && setError(failure));
    return () => {
      current = false;
    };
  }, [query, filters]);
  const more = () =>
    api(`/reports?${query}&limit=${PAGE}&cursor=${encodeURIComponent(page.next)}`)
      .then((next) => setPage({ rows: [...page.rows, ...next.data], next: next.next_cursor }))
      .catch(setError);
  if (!ctx.programId)
    return html`<p class="status">No program yet: create one under <a href="#/programs">Programs</a>.</p>`;
  const partners = [["", "All partners"], ...[...ctx.names].map(([id, name]) => [id, name])];
  const goals = [["", "All goals"], ...(ctx.program?.goals ?? []).map((g) => [g.name, g.name])];
  const label = MEASURES.find(([name]) => name === form.values.measure)?.[1] ?? form.values.measure;
  return html`<section id="reports">
    <h2>Reports</h2>
    <div class="toolbar">
      <${Field} form=${form} name="first" id="report-first" label="Group by" options=${keyOptions(false)} />
      <${Field} form=${form} name="second" id="report-second" label="Then by" options=${keyOptions(true)} />
      <${Field} form=${form} name="partner_id" id="report-partner" label="Partner" options=${partners} />
      <${Field} form=${form} name="goal" id="report-goal" label="Goal" options=${goals} />
      <button type="button" id="report-csv" class="secondary" disabled=${!query} onClick=${() => download(query, ctx).catch(setError)}>Download CSV</button>
    </div>
    ${chosen.problem ? html`<p class="error" role="alert" id="report-problem">${chosen.problem}</p>` : null}
    <${ErrorNote} error=${error} />
    <section>
      <div class="toolbar">
        <${Field} form=${form} name="measure" id="report-measure" label="Chart" options=${MEASURES.map(([name, text]) => [name, text])} />
      </div>
      <${ReportChart} days=${days} measure=${form.values.measure} label=${label} />
    </section>
    ${
      chosen.keys &&
      html`<${ReportTable} keys=${chosen.keys} rows=${page.rows} names=${ctx.names}
      sort=${order.sort} order=${order.order} onSort=${(sort, direction) => setOrder({ sort, order: direction })} />`
    }
    ${page.next && html`<button type="button" id="report-more" class="secondary" onClick=${more}>More</button>`}
  </section>`;
}
