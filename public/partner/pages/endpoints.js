// The partner's own postback endpoints (their conversions only): add one (a URL with macros),
// edit its URL, enable or disable it, delete it (asks first), and each one's delivery log.
import { EventBoxes } from "../shared/areas/endpoint-events.js";
import { all, api } from "../shared/ui/api.js";
import { ConfirmButton } from "../shared/ui/confirm.js";
import { Field, Form, useForm } from "../shared/ui/form.js";
import { when } from "../shared/ui/format.js";
import { PagedTable } from "../shared/ui/paged.js";
import { html, useEffect, useState } from "../shared/ui/preact.js";
import { ErrorNote, Table } from "../shared/ui/table.js";

const failed = (a) => a.outcome === "failed" || a.outcome === "retrying";

const deliveryColumns = [
  ["When", (a) => when(a.attempted_at)],
  ["Event", (a) => a.event],
  ["Attempt", (a) => a.attempt, true],
  [
    "Outcome",
    (a) => html`<span class=${failed(a) ? "outcome-bad" : "outcome-ok"}>${a.outcome}</span>`,
  ],
  ["Answer", (a) => (a.http_status ? `HTTP ${a.http_status}` : (a.error ?? "—"))],
];

function EndpointAdd({ ctx, onAdded }) {
  const form = useForm({ program_id: "", url: "", events: ["conversion.registered"] });
  async function add(values) {
    const body = { url: values.url.trim(), method: "GET", events: values.events };
    if (values.program_id) body.program_id = values.program_id;
    await api("/endpoints", { method: "POST", body });
    form.setValues((v) => ({ ...v, url: "" }));
    onAdded();
  }
  return html`<${Form} id="endpoint-add" form=${form} onSubmit=${add} submit="Add endpoint" shown=${["url", "events", "program_id", "method"]}>
    <${Field} form=${form} name="program_id" id="endpoint-program" label="Program"
      options=${[["", "All my programs"], ...ctx.programs.map((p) => [p.id, p.name])]} />
    <${Field} form=${form} name="url" id="endpoint-url" label="Postback URL" type="url"
      placeholder="https://tracker.example/postback?clickid={sub1}&payout={commission}"
      hint="Macros: {aecid}, {sub1}…{sub5}, {commission}, {commission_currency}, {status}, {goal}, {event}, {conversion_id}" />
    <${EventBoxes} group="new" chosen=${form.values.events} onChange=${(events) => form.setValues((v) => ({ ...v, events }))} />
  <//>`;
}

function EndpointActions({ endpoint, onChanged }) {
  const [editing, setEditing] = useState(null);
  const [error, setError] = useState(null);
  const change = (patch) =>
    api(`/endpoints/${endpoint.id}`, { method: "PATCH", body: patch }).then(() => {
      setEditing(null);
      onChanged();
    }, setError);
  if (editing !== null)
    return html`<div class="actions">
      <input type="url" value=${editing} data-edit-url=${endpoint.id} aria-label="URL" onInput=${(e) => setEditing(e.currentTarget.value)} />
      <button type="button" data-save=${endpoint.id} onClick=${() => change({ url: editing.trim() })}>Save</button>
      <button type="button" class="secondary" onClick=${() => setEditing(null)}>Cancel</button>
      <${ErrorNote} error=${error} />
    </div>`;
  return html`<div class="actions">
    ${
      endpoint.enabled
        ? html`<${ConfirmButton} label="Disable" data-toggle=${endpoint.id} danger=${false}
            question="Disable this endpoint? Nothing is sent to it until it is enabled again." onConfirm=${() => change({ enabled: false })} />`
        : html`<button type="button" class="secondary" data-toggle=${endpoint.id} onClick=${() => change({ enabled: true })}>Enable</button>`
    }
    <button type="button" class="secondary" data-edit=${endpoint.id} onClick=${() => setEditing(endpoint.url)}>Edit</button>
    <${ConfirmButton} label="Delete" data-delete=${endpoint.id} question="Delete this endpoint and stop its deliveries?"
      onConfirm=${() => api(`/endpoints/${endpoint.id}`, { method: "DELETE" }).then(onChanged)} />
    <${ErrorNote} error=${error} />
  </div>`;
}

export function EndpointsPage({ ctx }) {
  const [endpoints, setEndpoints] = useState(null);
  const [error, setError] = useState(null);
  const [version, setVersion] = useState(0);
  const [only, setOnly] = useState("");
  const changed = () => setVersion((v) => v + 1);
  useEffect(() => {
    all("/endpoints").then((list) => {
      setEndpoints(list);
      setOnly((o) => o || list[0]?.id || "");
    }, setError);
  }, [version]);
  const programName = new Map(ctx.programs.map((p) => [p.id, p.name]));
  const columns = [
    ["URL", (e) => html`<code class="url">${e.url}</code>`],
    ["Program", (e) => (e.program_id ? (programName.get(e.program_id) ?? e.program_id) : "all")],
    ["Events", (e) => (e.events ?? []).map((x) => x.replace("conversion.", "")).join(", ")],
    [
      "Status",
      (e) =>
        e.enabled
          ? "enabled"
          : html`<span class="outcome-bad">disabled${e.disabled_reason ? `: ${e.disabled_reason}` : ""}</span>`,
    ],
    [
      "",
      (e) =>
        html`<${EndpointActions} key=${`${e.id}-${e.updated_at}`} endpoint=${e} onChanged=${changed} />`,
    ],
  ];
  return html`<section id="endpoints-page" data-loaded=${endpoints ? "yes" : null}>
    <h2>Postbacks</h2>
    <p>Your own tracker's postback URL: we call it (GET) for each of your conversions, with the macros filled in.</p>
    <${ErrorNote} error=${error} />
    <${Table} id="endpoints" columns=${columns} rows=${endpoints} empty="No endpoint yet: add your postback URL below." />
    <${EndpointAdd} ctx=${ctx} onAdded=${changed} />
    <h2>Delivery log</h2>
    <label class="field"><span>Endpoint</span>
      <select id="delivery-endpoint" value=${only} onChange=${(e) => setOnly(e.currentTarget.value)}>
        ${(endpoints ?? []).map((e) => html`<option value=${e.id}>${e.url}</option>`)}
      </select>
    </label>
    ${only ? html`<${PagedTable} id="deliveries" path=${`/endpoints/${only}/deliveries`} limit=${25} version=${version} columns=${deliveryColumns} empty="Nothing sent yet." />` : html`<p class="status">No endpoint, no delivery.</p>`}
    <div class="toolbar"><button type="button" class="secondary" id="deliveries-refresh" onClick=${changed}>Refresh</button></div>
  </section>`;
}
