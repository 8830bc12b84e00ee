// One endpoint's actions: send a test, enable, disable (asks first), edit its URL and events,
// delete (asks first), and rotate a webhook's signing secret (asks first; shown once).
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { messageFor } from "../ui/fields.js";
import { html, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";
import { EventBoxes } from "./endpoint-events.js";

function TestButton({ endpoint, onSent }) {
  const [result, setResult] = useState(null);
  async function send() {
    const answer = await api(`/endpoints/${endpoint.id}/test`, { method: "POST" });
    setResult(answer);
    onSent();
  }
  const text = !result
    ? "Send test"
    : result.ok
      ? `Sent: HTTP ${result.http_status}`
      : `Failed: ${result.http_status ? `HTTP ${result.http_status}` : result.error}`;
  const tone = result ? (result.ok ? " outcome-ok" : " outcome-bad") : "";
  return html`<button type="button" class=${`secondary${tone}`} data-test=${endpoint.id} onClick=${send}>${text}</button>`;
}

export function EndpointActions({ endpoint, onChanged, onNotice }) {
  const [editing, setEditing] = useState(null);
  const [error, setError] = useState(null);
  const change = (patch) =>
    api(`/endpoints/${endpoint.id}`, { method: "PATCH", body: patch }).then(() => {
      setEditing(null);
      onChanged();
    }, setError);
  if (editing)
    return html`<div class="actions">
      <input type="url" value=${editing.url} data-edit-url=${endpoint.id} aria-label="URL"
        onInput=${(e) => setEditing({ ...editing, url: e.currentTarget.value })} />
      ${messageFor(error?.fields, "url") && html`<span class="field-error">${messageFor(error.fields, "url")}</span>`}
      <${EventBoxes} group=${endpoint.id} chosen=${editing.events} onChange=${(events) => setEditing({ ...editing, events })} />
      <button type="button" data-save=${endpoint.id} onClick=${() => change({ url: editing.url.trim(), events: editing.events })}>Save</button>
      <button type="button" class="secondary" onClick=${() => setEditing(null)}>Cancel</button>
      <${ErrorNote} error=${error} />
    </div>`;
  const rotate = async () => {
    const answer = await api(`/endpoints/${endpoint.id}/rotate-secret`, { method: "POST" });
    onNotice(`New signing secret, shown this once: ${answer.secret}`);
  };
  return html`<div class="actions">
    <${TestButton} endpoint=${endpoint} onSent=${onChanged} />
    ${
      endpoint.enabled
        ? html`<${ConfirmButton} label="Disable" data-toggle=${endpoint.id} danger=${false}
            question="Disable this endpoint? Nothing is sent to it until it is enabled again."
            onConfirm=${() => change({ enabled: false })} />`
        : html`<button type="button" class="secondary" data-toggle=${endpoint.id} onClick=${() => change({ enabled: true })}>Enable</button>`
    }
    <button type="button" class="secondary" data-edit=${endpoint.id} onClick=${() => setEditing({ url: endpoint.url, events: endpoint.events })}>Edit</button>
    ${endpoint.method === "POST" && html`<${ConfirmButton} label="Rotate secret" question="Issue a new signing secret? The old one stops verifying." onConfirm=${rotate} />`}
    <${ConfirmButton} label="Delete" data-delete=${endpoint.id} question="Delete this endpoint and stop its deliveries?"
      onConfirm=${() => api(`/endpoints/${endpoint.id}`, { method: "DELETE" }).then(onChanged)} />
    <${ErrorNote} error=${error} />
  </div>`;
}
