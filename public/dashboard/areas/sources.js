// Conversion sources of the chosen program: its Stripe and Shopify webhooks, each with the URL to
// paste into the platform (and what to subscribe there), the add form and each one's actions.
import { all } from "../ui/api.js";
import { when } from "../ui/format.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { CopyButton, ErrorNote, Table } from "../ui/table.js";
import { SourceAdd } from "./source-add.js";
import { SourceGuide } from "./source-guide.js";
import { SourceActions } from "./source-row.js";

const NAMES = { stripe: "Stripe", shopify: "Shopify" };

const status = (s) =>
  s.enabled
    ? html`enabled${s.previous_secret_valid_until ? html`<br /><small>old secret until ${when(s.previous_secret_valid_until)}</small>` : null}`
    : html`<span class="outcome-bad">disabled</span>`;

export function SourcesArea({ ctx }) {
  const [sources, setSources] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState("");
  const [added, setAdded] = useState(null);
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  useEffect(() => {
    if (!ctx.programId) return;
    setError(null);
    all(`/programs/${ctx.programId}/sources`).then(setSources, setError);
  }, [ctx.programId, version]);
  const columns = [
    ["Platform", (s) => NAMES[s.type] ?? s.type],
    ["Status", status],
    ["URL", (s) => html`<code class="url">${s.url}</code>`],
    ["", (s) => html`<${CopyButton} text=${s.url} />`],
    ["Created", (s) => when(s.created_at)],
    [
      "",
      (s) =>
        html`<${SourceActions} key=${`${s.id}-${s.updated_at}`} source=${s} onChanged=${changed} onNotice=${setNotice} />`,
    ],
  ];
  if (!ctx.programId)
    return html`<section><p>Create a program first, under <a href="#/programs">Programs</a>.</p></section>`;
  return html`<section id="sources-area" data-program=${sources ? ctx.programId : null}>
    <h2>Conversion sources</h2>
    <p>Stripe's and Shopify's webhooks register sales, renewals, refunds and disputes of this program with no code: paste a source's URL into the platform.</p>
    <${ErrorNote} error=${error} />
    <${Table} id="sources" columns=${columns} rows=${sources} empty="No source yet: add Stripe or Shopify below."
      extra=${(s) => html`<tr class="guide"><td colspan=${columns.length}><${SourceGuide} type=${s.type} /></td></tr>`} />
    <p id="source-notice" class="status" role="status">${notice}</p>
    <h2>Add source</h2>
    <div id="source-form"><${SourceAdd} key=${ctx.programId} ctx=${ctx} onAdded=${(source) => {
      setAdded(source);
      setNotice("");
      changed();
    }} /></div>
    ${
      added &&
      html`<div id="source-added">
        <p>Paste this URL into ${NAMES[added.type]}'s webhook settings:</p>
        <div class="copyable"><code>${added.url}</code><${CopyButton} text=${added.url} /></div>
        <${SourceGuide} type=${added.type} />
      </div>`
    }
  </section>`;
}
