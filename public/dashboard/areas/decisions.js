// The decision on a pending conversion: approve it, or refuse it with a reason the operator types
// (kept in the conversion's record). Refusing asks first: the reason, then Confirm or Cancel.
import { api } from "../ui/api.js";
import { html, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";

export function Decision({ conversion, onDecided }) {
  const id = conversion.conversion_id;
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function decide(decision, body) {
    setBusy(true);
    setError(null);
    try {
      await api(`/conversions/${id}/${decision}`, { method: "POST", body });
      onDecided();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }
  const refuse = () => decide("refuse", reason.trim() ? { reason: reason.trim() } : undefined);
  if (!refusing)
    return html`<div class="actions">
      <button type="button" data-approve=${id} disabled=${busy} onClick=${() => decide("approve")}>Approve</button>
      <button type="button" class="danger" data-refuse=${id} onClick=${() => setRefusing(true)}>Refuse</button>
      <${ErrorNote} error=${error} />
    </div>`;
  return html`<div class="actions" role="group" aria-label="Refuse this conversion">
    <input
      type="text"
      maxlength="500"
      placeholder="Reason (optional)"
      aria-label="Reason for refusing"
      data-reason=${id}
      value=${reason}
      ref=${(input) => input?.focus()}
      onInput=${(event) => setReason(event.currentTarget.value)}
      onKeyDown=${(event) => event.key === "Enter" && refuse()}
    />
    <button type="button" class="danger" data-confirm-refuse=${id} disabled=${busy} onClick=${refuse}>Confirm</button>
    <button type="button" class="secondary" onClick=${() => setRefusing(false)}>Cancel</button>
    <${ErrorNote} error=${error} />
  </div>`;
}
