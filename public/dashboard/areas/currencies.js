// The currencies the API knows (ISO 4217) and their minor units, which every amount on these pages
// is formatted with. The API has no exchange rates: amounts stay in their own currency.
import { html, useState } from "../ui/preact.js";
import { Table } from "../ui/table.js";

const columns = [
  ["Code", (c) => c.code],
  ["Decimals", (c) => c.minor_units, true],
];

export function CurrenciesArea({ ctx }) {
  const [filter, setFilter] = useState("");
  const rows = ctx.currencies.filter((c) => c.code.includes(filter.trim().toUpperCase()));
  return html`<section>
    <h2>Currencies</h2>
    <p>Amounts are stored in each currency's minor unit, with ISO 4217's decimals; nothing is converted. Update the list with <code>npm run currencies</code>.</p>
    <label class="field"><span>Find</span><input value=${filter} placeholder="EUR" onInput=${(e) => setFilter(e.currentTarget.value)} /></label>
    <${Table} id="currencies" columns=${columns} rows=${rows} empty="No currency matches." />
  </section>`;
}
