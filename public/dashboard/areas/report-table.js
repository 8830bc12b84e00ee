// A report's rows: its keys, then every measure; a measure's heading is a button that asks the
// API for that order (the rows are the API's pages, so sorting them here would sort one page).
// A row that folded the values past the cap, `(other)`, says so.
import { count, moneyMap, percent } from "../ui/format.js";
import { html } from "../ui/preact.js";
import { fieldOf, KEY_LABELS, MEASURES, MONEY } from "./report-query.js";

function keyCell(key, row, names) {
  const value = row[fieldOf(key)];
  if (value === null || value === undefined || value === "")
    return html`<span class="muted">(none)</span>`;
  if (key === "partner") return names.get(value) ?? value;
  if (key === "link") return html`<code>${value}</code>`;
  return value;
}

function measureCell(sort, row) {
  const value = row[sort];
  if (MONEY.has(sort)) return moneyMap(value);
  return sort === "conversion_rate" ? percent(value) : count(value);
}

function Heading({ sort, label, order, onSort }) {
  const current = order.sort === sort;
  const aria = current ? (order.order === "desc" ? "descending" : "ascending") : null;
  return html`<th class="num" aria-sort=${aria} data-sort=${sort}>
    <button type="button" class="sort" onClick=${() => onSort(sort)}>
      ${label}${current ? (order.order === "desc" ? " ▼" : " ▲") : ""}
    </button>
  </th>`;
}

export function ReportTable({ keys, rows, order, onSort, names, more, onMore, busy }) {
  const span = keys.length + MEASURES.length;
  const body = rows?.length
    ? rows.map(
        (row) => html`<tr class=${row.folded ? "folded" : null}
          data-keys=${JSON.stringify(keys.map((k) => row[fieldOf(k)] ?? null))}>
          ${keys.map(
            (k) =>
              html`<td data-key=${k}>${keyCell(k, row, names)}${
                row.folded && row[fieldOf(k)] === "(other)"
                  ? html` <span class="badge" title="Values past the cap per day, link and dimension, counted together">folded</span>`
                  : null
              }</td>`,
          )}
          ${MEASURES.map(([sort]) => html`<td class="num" data-measure=${sort}>${measureCell(sort, row)}</td>`)}
        </tr>`,
      )
    : html`<tr><td class="empty" colspan=${span}>${rows ? "No traffic in this range." : "Loading…"}</td></tr>`;
  return html`<div class="scroll">
      <table id="report-table">
        <thead>
          <tr>
            ${keys.map((k) => html`<th>${KEY_LABELS[k]}</th>`)}
            ${MEASURES.map(([sort, label]) => html`<${Heading} sort=${sort} label=${label} order=${order} onSort=${onSort} />`)}
          </tr>
        </thead>
        <tbody>${body}</tbody>
      </table>
    </div>
    ${more ? html`<div class="pager"><button type="button" id="report-more" class="secondary" disabled=${busy} onClick=${onMore}>More</button></div>` : null}`;
}
