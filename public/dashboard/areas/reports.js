// Reports: clicks, conversions and money by one or two keys (day, partner, link, sub-IDs,
// country, device, referrer, goal) over the header's range, filtered by program, partner, link and
// goal. The table is the API's pages in the API's order; the chart is the chosen measure by day
// (its own group_by=day report, same filters); the CSV is the same report, fetched with the token.
import { api, csvFile } from "../ui/api.js";
import { saveBlob } from "../ui/download.js";
import { useForm } from "../ui/form.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";
import { ReportChart } from "./report-chart.js";
import { FilterPickers, GroupPickers } from "./report-pickers.js";
import {
  crossedDimensions,
  dayQuery,
  filterPart,
  groupKeys,
  nextOrder,
  tableQuery,
} from "./report-query.js";
import { ReportTable } from "./report-table.js";

const PAGE = 50;

/** The API's refusal, with the field messages a 400 carries (group_by's, for one). */
function ReportError({ error }) {
  if (!error) return null;
  const fields = Object.entries(error.fields ?? {}).map(([name, text]) => `${name} ${text}`);
  return html`<p class="error" role="alert" id="report-error">
    ${fields.length ? `${fields.join("; ")} — ` : ""}${String(error)}
  </p>`;
}

/** The table's rows: the first page of `query`, then each "More" appends the next. */
function useReport(query) {
  const [state, setState] = useState({ query: null, rows: null, next: null });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!query) return;
    let current = true;
    setError(null);
    setState({ query, rows: null, next: null });
    api(`/reports?${query}&limit=${PAGE}`)
      .then((page) => current && setState({ query, rows: page.data, next: page.next_cursor }))
      .catch((failure) => {
        if (!current) return;
        setError(failure);
        setState({ query, rows: [], next: null });
      });
    return () => {
      current = false;
    };
  }, [query]);
  const more = async () => {
    setBusy(true);
    try {
      const cursor = encodeURIComponent(state.next);
      const page = await api(`/reports?${query}&limit=${PAGE}&cursor=${cursor}`);
      setState((s) =>
        s.query === query ? { query, rows: [...s.rows, ...page.data], next: page.next_cursor } : s,
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { ...state, error, busy, more };
}

/** The chart's days: a report by day alone with the table's filters. */
function useDays(filters, enabled) {
  const [days, setDays] = useState(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api(`/reports?${dayQuery(filters)}`)
      .then((page) => current && setDays(page.data))
      .catch(() => current && setDays([]));
    return () => {
      current = false;
    };
  }, [filters, enabled]);
  return days;
}

export function ReportsArea({ ctx }) {
  const groups = useForm({ first: "day", second: "", measure: "clicks" });
  const filters = useForm({ program_id: ctx.programId, partner_id: "", link_id: "", goal: "" });
  const [order, setOrder] = useState({ sort: "clicks", order: "desc" });
  const [csvError, setCsvError] = useState(null);
  // A program chosen in the header is the report's too; its links and goals are another's.
  useEffect(() => {
    filters.setValues((v) => ({ ...v, program_id: ctx.programId, link_id: "", goal: "" }));
  }, [ctx.programId]);
  const programId = filters.values.program_id;
  useEffect(() => {
    filters.setValues((v) => ({ ...v, link_id: "", goal: "" }));
  }, [programId]);

  const keys = groupKeys(groups.values);
  const crossed = crossedDimensions(keys);
  const shared = filterPart(ctx, filters.values);
  const query = crossed ? null : tableQuery(shared, keys, order);
  const report = useReport(query);
  const days = useDays(shared, !crossed);
  const download = async () => {
    setCsvError(null);
    const blob = await csvFile(`/reports?${query}&format=csv`);
    saveBlob(blob, `report_${keys.join("-")}_${ctx.from}_${ctx.to}.csv`);
  };
  const loaded = report.rows && report.query === query;
  return html`<section id="reports" data-state=${loaded ? "loaded" : "loading"} data-query=${query ?? ""}>
    <h2>Reports</h2>
    <p class="status">Over the range in the header (${ctx.from} to ${ctx.to}, UTC days).</p>
    <${GroupPickers} form=${groups} />
    <${FilterPickers} form=${filters} ctx=${ctx} />
    ${crossed ? html`<p class="error" role="alert" id="report-crossed">${crossed}</p>` : null}
    <${ReportError} error=${report.error} />
    ${
      !crossed &&
      html`<div class="toolbar">
        <button type="button" id="report-csv" class="secondary" onClick=${() => download().catch(setCsvError)}>Download CSV</button>
      </div>
      <${ErrorNote} error=${csvError} />
      <${ReportTable} keys=${keys} rows=${loaded ? report.rows : null} order=${order} names=${ctx.names}
        onSort=${(sort) => setOrder((o) => nextOrder(o, sort))}
        more=${loaded && report.next} onMore=${report.more} busy=${report.busy} />
      ${loaded && report.rows.some((r) => r.folded) ? html`<p class="status" id="report-folded">Rows marked “folded” count the values past the cap of distinct values per day, link and dimension (README, Reports).</p>` : null}
      <section><h2>By day</h2>${days ? html`<${ReportChart} rows=${days} measure=${groups.values.measure} from=${ctx.from} to=${ctx.to} />` : html`<p class="status">Loading…</p>`}</section>`
    }
  </section>`;
}
