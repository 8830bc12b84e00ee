// The partner's conversions over the header's range: status, goal, commission and refusal reason;
// the amount only where the program lets partners see it (the API leaves it out otherwise).
import { csvFile } from "../shared/ui/api.js";
import { saveBlob } from "../shared/ui/download.js";
import { Field, useForm } from "../shared/ui/form.js";
import { money, when } from "../shared/ui/format.js";
import { PagedTable } from "../shared/ui/paged.js";
import { filterQuery } from "../shared/ui/paging.js";
import { html, useState } from "../shared/ui/preact.js";
import { ErrorNote } from "../shared/ui/table.js";

function statusCell(c) {
  if (c.status === "approved") return html`<span class="outcome-ok">approved</span>`;
  if (c.status !== "refused") return c.status;
  return html`<span class="outcome-bad">refused</span>`;
}

export function ConversionsPage({ ctx }) {
  const filters = useForm({ program_id: "", status: "" });
  const [csvError, setCsvError] = useState(null);
  const query = filterQuery({ from: ctx.from, to: ctx.to, ...filters.values });
  const programName = new Map(ctx.programs.map((p) => [p.id, p.name]));
  const columns = [
    ["Received", (c) => when(c.created_at)],
    ["Program", (c) => programName.get(c.program_id) ?? c.program_id],
    ["Goal", (c) => c.goal],
    ["Status", statusCell],
    ["Commission", (c) => money(c.commission, c.commission_currency), true],
    ["Refusal reason", (c) => c.refuse_reason ?? ""],
    ["Amount", (c) => (c.amount == null ? "" : money(c.amount, c.currency)), true],
  ];
  const download = async () => {
    setCsvError(null);
    saveBlob(
      await csvFile(`/conversions?${query}&format=csv`),
      `conversions_${ctx.from}_${ctx.to}.csv`,
    );
  };
  return html`<section id="conversions-page">
    <h2>Conversions</h2>
    <p class="status">Over the range in the header (${ctx.from} to ${ctx.to}). Pending ones wait for the advertiser's approval; the amount shows only where the program shares it.</p>
    <div class="toolbar">
      <${Field} form=${filters} name="program_id" id="conversion-program" label="Program"
        options=${[["", "All programs"], ...ctx.programs.map((p) => [p.id, p.name])]} />
      <${Field} form=${filters} name="status" id="conversion-status" label="Status"
        options=${[["", "All"], ["pending", "Pending"], ["approved", "Approved"], ["refused", "Refused"]]} />
      <button type="button" id="download-csv" class="secondary" onClick=${() => download().catch(setCsvError)}>Download CSV</button>
    </div>
    <${ErrorNote} error=${csvError} />
    <${PagedTable} id="conversions" path=${`/conversions?${query}`} columns=${columns} empty="No conversion in this range." />
  </section>`;
}
