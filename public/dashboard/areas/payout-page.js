// One payout: its partners and totals, its files (PayPal, Wise, SEPA: the first download moves a
// draft to exported), Mark paid with the operator's reference, Cancel (asks first; the entries go
// back to the next payout), and each partner's statement once paid.
import { api, fileOf } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { saveBlob } from "../ui/download.js";
import { Field, Form, useForm } from "../ui/form.js";
import { money, when } from "../ui/format.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote, Table } from "../ui/table.js";
import { PartnerPayoutDetails } from "./payout-details.js";
import { statusCell } from "./payout-status.js";
import { exportPath, FORMATS, isOpen, statementPath } from "./payout-values.js";

/** A refusal, with the names of the partners a 409 `payout_details_missing` lists. */
function Refusal({ error, ctx }) {
  if (!error) return null;
  const ids = Array.isArray(error.detail?.partner_ids) ? error.detail.partner_ids : [];
  return html`<${ErrorNote} error=${error} />
    ${ids.length ? html`<p class="error" id="details-missing">Without usable details: ${ids.map((id) => ctx.names.get(id) ?? id).join(", ")}</p>` : null}`;
}

function Files({ payout, ctx, onChanged }) {
  const [error, setError] = useState(null);
  async function download(format) {
    setError(null);
    try {
      const file = await fileOf(exportPath(payout.id, format), `payout-${payout.id}-${format}`);
      saveBlob(file.blob, file.filename);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  }
  return html`<div class="actions" id="payout-files">
      ${FORMATS.map(([format, label]) => html`<button type="button" class="secondary" id=${`download-${format}`} onClick=${() => download(format)}>Download ${label}</button>`)}
    </div>
    <${Refusal} error=${error} ctx=${ctx} />`;
}

function MarkPaid({ payout, onChanged }) {
  const form = useForm({ reference: "" });
  const paid = async (values) =>
    onChanged(
      await api(`/payouts/${payout.id}/paid`, {
        method: "POST",
        body: { reference: values.reference.trim() },
      }),
    );
  return html`<${Form} id="payout-paid" form=${form} onSubmit=${paid} submit="Mark paid" label="Mark paid" shown=${["reference"]}>
    <${Field} form=${form} name="reference" id="payout-reference" label="Reference" maxlength="200"
      hint="Your bank's or PayPal's batch reference: partners see it on their statements" />
  <//>`;
}

function Statement({ payout, partnerId }) {
  const [error, setError] = useState(null);
  const open = () =>
    fileOf(statementPath(payout.id, partnerId), `statement-${payout.id}-${partnerId}.html`).then(
      (file) => saveBlob(file.blob, file.filename),
      setError,
    );
  return html`<button type="button" class="secondary" data-statement=${partnerId} onClick=${open}>Statement</button>
    <${ErrorNote} error=${error} />`;
}

export function PayoutPage({ ctx, id }) {
  const [payout, setPayout] = useState(null);
  const [error, setError] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api(`/payouts/${encodeURIComponent(id)}`).then(setPayout, setError);
  }, [id, version]);
  if (error) return html`<p><a href="#/payouts">← Payouts</a></p><${ErrorNote} error=${error} />`;
  if (!payout) return html`<p class="status">Loading…</p>`;
  const reload = () => setVersion((v) => v + 1);
  const columns = [
    ["Partner", (p) => ctx.names.get(p.partner_id) ?? p.partner_id],
    ["Total", (p) => money(p.total, payout.currency), true],
    ["Entries", (p) => p.entries, true],
    ["Payout details", (p) => html`<${PartnerPayoutDetails} partnerId=${p.partner_id} />`],
  ];
  if (payout.status === "paid")
    columns.push(["", (p) => html`<${Statement} payout=${payout} partnerId=${p.partner_id} />`]);
  return html`<section id="payout-page" data-payout=${payout.id} data-status=${payout.status}>
    <p><a href="#/payouts">← Payouts</a></p>
    <h2>Payout of ${money(payout.total, payout.currency)}</h2>
    <dl class="facts">
      <dt>Status</dt><dd id="payout-state">${statusCell(payout)}</dd>
      <dt>Created</dt><dd>${when(payout.created_at)}</dd>
      <dt>Entries</dt><dd>${payout.entries}</dd>
      ${payout.reference && html`<dt>Reference</dt><dd id="payout-ref">${payout.reference}</dd>`}
      ${payout.paid_at && html`<dt>Paid</dt><dd>${when(payout.paid_at)}</dd>`}
      ${payout.cancelled_at && html`<dt>Cancelled</dt><dd>${when(payout.cancelled_at)}</dd>`}
    </dl>
    <${Table} id="payout-partners-table" columns=${columns} rows=${payout.partners} empty="No partner."
      rowProps=${(p) => ({ "data-partner": p.partner_id })} />
    ${payout.status !== "cancelled" && html`<h3>Files</h3><${Files} payout=${payout} ctx=${ctx} onChanged=${reload} />`}
    ${
      isOpen(payout) &&
      html`<h3>Paid?</h3>
      <${MarkPaid} payout=${payout} onChanged=${setPayout} />
      <${ConfirmButton} label="Cancel payout" id="payout-cancel"
        question="Cancel this payout? Its entries go back to the balances, for the next payout."
        onConfirm=${() => api(`/payouts/${payout.id}/cancel`, { method: "POST" }).then(setPayout)} />`
    }
  </section>`;
}
