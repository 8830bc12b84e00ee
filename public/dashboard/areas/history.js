// A conversion's history, oldest first: every change, who made it (the operator's email, or
// "admin-token", or the postback or the hold period) and the values before and after.
import { api } from "../ui/api.js";
import { money, when } from "../ui/format.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote, Table } from "../ui/table.js";

/** A changed value as the operator reads it: money in its currency, nothing as "—". */
function readable(change, conversion, value) {
  if (value === null) return "—";
  if (change.field === "amount") return money(Number(value), conversion.currency);
  if (change.field === "commission") return money(Number(value), conversion.commission_currency);
  return value;
}

const by = (h) => (h.operator ? `${h.source} (${h.operator})` : h.source);

export function History({ id, columns }) {
  const [conversion, setConversion] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api(`/conversions/${id}`).then(setConversion, setError);
  }, [id]);
  const rows = [
    ["Changed", (h) => when(h.changed_at)],
    ["By", by],
    ["Field", (h) => h.field.replace("_", " ")],
    ["Change", (h) => `${readable(h, conversion, h.old)} → ${readable(h, conversion, h.new)}`],
  ];
  return html`<tr class="history-row" data-history-of=${conversion ? id : null}>
    <td colspan=${columns}>
      <${ErrorNote} error=${error} />
      ${conversion ? html`<${Table} columns=${rows} rows=${conversion.history} empty="No change since registration." />` : "Loading…"}
    </td>
  </tr>`;
}
