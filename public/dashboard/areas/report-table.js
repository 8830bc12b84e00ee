// The report's table: one column per group key, then every measure; a measure's heading sorts by
// it through the API (`sort`, `order`), not in the page; folded rows, `(other)`, are marked.
import { count, moneyMap, percent } from "../ui/format.js";
import { html } from "../ui/preact.js";

export const MEASURES = [
  ["clicks", "Clicks", (r) => count(r.clicks)],
  ["bot_hits", "Bot hits", (r) => count(r.bot_hits)],
  ["conversions", "Conversions", (r) => count(r.conversions)],
  ["approved", "Approved", (r) => count(r.approved)],
  ["revenue", "Revenue", (r) => moneyMap(r.revenue)],
  ["commission", "Commission", (r) => moneyMap(r.commission)],
  ["conversion_rate", "Conversion rate", (r) => percent(r.conversion_rate)],
  ["epc", "EPC", (r) => moneyMap(r.epc)],
];

const KEY_FIELD = { partner: "partner_id", link: "link_id" };
export const keyField = (key) => KEY_FIELD[key] ?? key;

function keyCell(key, row, names) {
  const value = row[keyField(key)];
  if (value === null || value === undefined) return html`<span class="muted">none</span>`;
  if (key === "partner") return names.get(value) ?? value;
  return value;
}

function SortHeading({ name, label, sort, order, onSort }) {
  const active = sort === name;
  const next = active && order === "desc" ? "asc" : "desc";
  return html`<th class="num" aria-sort=${active ? (order === "desc" ? "descending" : "ascending") : "none"}>
    <button type="button" class="sort" data-sort=${name} onClick=${() => onSort(name, next)}>
      ${label}${active ? (order === "desc" ? " ↓" : " ↑") : ""}
    </button>
  </th>`;
}

export function ReportTable({ keys, rows, names, sort, order, onSort }) {
  return html`<div class="scroll">
    <table id="report">
      <thead>
        <tr>
          ${keys.map((k) => html`<th>${k}</th>`)}
          ${MEASURES.map(([name, label]) => html`<${SortHeading} name=${name} label=${label} sort=${sort} order=${order} onSort=${onSort} />`)}
        </tr>
      </thead>
      <tbody>
        ${
          rows?.length
            ? rows.map(
                (
                  row,
                ) => html`<tr class=${row.folded ? "folded" : null} title=${row.folded ? "Values past the cap, counted together" : null}>
                  ${keys.map((k) => html`<td data-key=${k}>${keyCell(k, row, names)}</td>`)}
                  ${MEASURES.map(([name, , cell]) => html`<td class="num" data-measure=${name}>${cell(row)}</td>`)}
                </tr>`,
              )
            : html`<tr><td class="empty" colspan=${keys.length + MEASURES.length}>${rows ? "No traffic in this range." : "Loading…"}</td></tr>`
        }
      </tbody>
    </table>
  </div>`;
}
