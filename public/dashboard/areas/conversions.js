// The chosen program's conversions over the range: filters (status, goal), a paged table with
// each one's goal, status and refusal reason, decisions on the pending ones, each one's history
// on demand, and the CSV export of all that match (fetched with the token, saved from a Blob).
import { csvFile } from "../ui/api.js";
import { saveBlob, slug } from "../ui/download.js";
import { Field, useForm } from "../ui/form.js";
import { PagedTable } from "../ui/paged.js";
import { filterQuery } from "../ui/paging.js";
import { html, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";
import { conversionColumns } from "./conversion-columns.js";
import { Decision } from "./decisions.js";
import { History } from "./history.js";

function statusCell(c) {
  if (c.status === "approved") return html`<span class="outcome-ok">approved</span>`;
  if (c.status !== "refused") return c.status;
  const text = c.refuse_reason ? `refused: ${c.refuse_reason}` : "refused";
  return html`<span class="outcome-bad reason" title=${text}>${text}</span>`;
}

async function download(query, ctx) {
  const blob = await csvFile(`/conversions?${query}&format=csv`);
  const name = ["conversions", slug(ctx.program?.name ?? ctx.programId), ctx.from, ctx.to];
  saveBlob(blob, `${name.filter(Boolean).join("_")}.csv`);
}

export function ConversionsArea({ ctx }) {
  const filters = useForm({ status: "", goal: "" });
  const [open, setOpen] = useState(new Set());
  const [version, setVersion] = useState(0);
  const [csvError, setCsvError] = useState(null);
  const query = filterQuery({
    program_id: ctx.programId,
    from: ctx.from,
    to: ctx.to,
    ...filters.values,
  });
  const toggle = (id) =>
    setOpen((shown) => {
      const next = new Set(shown);
      next.has(id) ? next.delete(id) : next.add(id);
      return next;
    });
  const historyButton = (
    c,
  ) => html`<button type="button" class="secondary" data-history=${c.conversion_id}
    aria-expanded=${open.has(c.conversion_id) ? "true" : "false"} onClick=${() => toggle(c.conversion_id)}>History</button>`;
  const columns = [
    ...conversionColumns(ctx.names),
    ["Status", statusCell],
    [
      "",
      (c) =>
        c.status === "pending" &&
        html`<${Decision} conversion=${c} onDecided=${() => setVersion((v) => v + 1)} />`,
    ],
    ["", historyButton],
  ];
  const goals = (ctx.program?.goals ?? []).map((g) => [g.name, g.name]);
  return html`<section>
    <h2>Conversions</h2>
    <div class="toolbar">
      <${Field} form=${filters} name="status" id="conversion-status" label="Status"
        options=${[["", "All"], ["pending", "Pending"], ["approved", "Approved"], ["refused", "Refused"]]} />
      <${Field} form=${filters} name="goal" id="conversion-goal" label="Goal" options=${[["", "All goals"], ...goals]} />
      <button type="button" id="download-csv" class="secondary" onClick=${() => download(query, ctx).catch(setCsvError)}>Download CSV</button>
    </div>
    <${ErrorNote} error=${csvError} />
    <${PagedTable} id="conversions" path=${`/conversions?${query}`} version=${version} columns=${columns}
      empty="No conversion in this range."
      extra=${(c) => open.has(c.conversion_id) && html`<${History} key=${`h-${c.conversion_id}`} id=${c.conversion_id} columns=${columns.length} />`} />
  </section>`;
}
