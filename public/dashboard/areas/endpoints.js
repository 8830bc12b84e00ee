// Outbound postbacks and webhooks: the chosen program's endpoints (and those for every program),
// the add form, each one's actions, and the paged delivery log, failures in red.
import { all } from "../ui/api.js";
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote, Table } from "../ui/table.js";
import { EndpointAdd } from "./endpoint-add.js";
import { EndpointActions } from "./endpoint-row.js";

const failed = (a) =>
  a.outcome === "failed" ||
  a.outcome === "retrying" ||
  (a.outcome === "test" && !(a.http_status >= 200 && a.http_status < 300));

const deliveryColumns = [
  ["When", (a) => when(a.attempted_at)],
  ["Event", (a) => a.event],
  ["Attempt", (a) => a.attempt, true],
  [
    "Outcome",
    (a) => html`<span class=${failed(a) ? "outcome-bad" : "outcome-ok"}>${a.outcome}</span>`,
  ],
  ["Answer", (a) => (a.http_status ? `HTTP ${a.http_status}` : (a.error ?? "—"))],
  ["ms", (a) => a.duration_ms, true],
];

const status = (e) =>
  e.enabled
    ? "enabled"
    : html`<span class="outcome-bad">disabled: ${e.disabled_reason ?? ""}</span>`;

export function EndpointsArea({ ctx }) {
  const [endpoints, setEndpoints] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState("");
  const [version, setVersion] = useState(0);
  // The delivery log of one endpoint, or of all.
  const [only, setOnly] = useState("");
  const changed = () => setVersion((v) => v + 1);
  useEffect(() => {
    all("/endpoints")
      .then((list) =>
        setEndpoints(list.filter((e) => e.program_id === null || e.program_id === ctx.programId)),
      )
      .catch(setError);
  }, [ctx.programId, version]);
  const columns = [
    ["URL", (e) => html`<code class="url">${e.url}</code>`],
    ["Method", (e) => e.method],
    ["Events", (e) => e.events.map((x) => x.replace("conversion.", "")).join(", ")],
    ["Status", status],
    [
      "",
      (e) =>
        html`<${EndpointActions} key=${`${e.id}-${e.updated_at}`} endpoint=${e} onChanged=${changed} onNotice=${setNotice} />`,
    ],
  ];
  return html`<section id="endpoints-area" data-program=${endpoints ? ctx.programId : null}>
    <h2>Outbound postbacks and webhooks</h2>
    <p>Partners' postback URLs (GET, with macros like <code>{aecid}</code>, <code>{sub1}</code>, <code>{commission}</code>) and your own systems' webhooks (POST, signed).</p>
    <${ErrorNote} error=${error} />
    <${Table} id="endpoints" columns=${columns} rows=${endpoints} empty="No endpoint yet: add a partner postback or a webhook below." />
    <div id="endpoint-form"><${EndpointAdd} key=${ctx.programId} ctx=${ctx} onAdded=${(text) => {
      setNotice(text);
      changed();
    }} /></div>
    <p id="endpoint-notice" class="status" role="status">${notice}</p>
    <h2>Delivery log</h2>
    <label class="field"><span>Endpoint</span>
      <select id="delivery-endpoint" value=${only} onChange=${(e) => setOnly(e.currentTarget.value)}>
        <option value="">All endpoints</option>
        ${(endpoints ?? []).map((e) => html`<option value=${e.id}>${e.url}</option>`)}
      </select>
    </label>
    <${PagedTable} id="deliveries" path=${`/deliveries${only ? `?endpoint_id=${only}` : ""}`} limit=${25}
      version=${version} columns=${deliveryColumns} empty="Nothing sent yet." />
  </section>`;
}
