// Every destructive action asks first: the button opens a small dialog in place, with the
// question, "Confirm" and "Cancel". Nothing is sent until Confirm.
import { html, useState } from "./preact.js";
import { ErrorNote } from "./table.js";

export function ConfirmButton({ label, question, onConfirm, danger = true, ...attributes }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  if (!open)
    return html`<button type="button" class=${danger ? "danger" : "secondary"} onClick=${() => setOpen(true)} ...${attributes}>
      ${label}
    </button>`;
  return html`<div class="confirm" role="alertdialog" aria-label=${question}>
    <span>${question}</span>
    <button type="button" class="danger" disabled=${busy} onClick=${confirm}>Confirm</button>
    <button type="button" class="secondary" onClick=${() => setOpen(false)}>Cancel</button>
    <${ErrorNote} error=${error} />
  </div>`;
}
