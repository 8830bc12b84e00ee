// The audit trail, read only: every change made through the API (who, what, when, the request
// ID), newest first, paged, filtered by operator, resource and dates.
import { Field, useForm } from "../ui/form.js";
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { filterQuery } from "../ui/paging.js";
import { html } from "../ui/preact.js";

const TYPES = [
  "program",
  "partner",
  "link",
  "voucher",
  "endpoint",
  "conversion",
  "dead_letters",
  "click",
  "source",
];

const fieldsText = (fields) =>
  Object.entries(fields ?? {})
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");

const columns = [
  ["When", (a) => when(a.at)],
  ["Operator", (a) => a.operator],
  ["Action", (a) => a.action],
  ["Resource", (a) => `${a.resource_type} ${a.resource_id ?? ""}`],
  [
    "Fields",
    (a) => html`<span class="reason" title=${fieldsText(a.fields)}>${fieldsText(a.fields)}</span>`,
  ],
  ["Request ID", (a) => html`<code>${a.request_id ?? "—"}</code>`],
];

export function AuditArea() {
  const filters = useForm({ operator: "", resource_type: "", resource_id: "", from: "", to: "" });
  return html`<section>
    <h2>Audit</h2>
    <div class="toolbar">
      <${Field} form=${filters} name="operator" label="Operator" placeholder="email or admin-token" />
      <${Field} form=${filters} name="resource_type" label="Resource" options=${[["", "All"], ...TYPES.map((t) => [t, t])]} />
      <${Field} form=${filters} name="resource_id" label="Resource ID" />
      <${Field} form=${filters} name="from" label="From" type="date" />
      <${Field} form=${filters} name="to" label="To" type="date" />
    </div>
    <${PagedTable} id="audit" path=${`/audit?${filterQuery(filters.values)}`} columns=${columns} empty="No change recorded." />
  </section>`;
}
