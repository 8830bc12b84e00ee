// The payer's settings (GET/PUT /api/payout-settings): the operator's own account, which SEPA files
// debit, and the default payment note. The API answers the IBAN masked; saving asks for it again.
import { ApiError, api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";

const SHOWN = ["debtor_name", "debtor_iban", "debtor_bic", "note"];

export function PayoutSettings() {
  const [saved, setSaved] = useState(undefined);
  const [error, setError] = useState(null);
  const form = useForm({ debtor_name: "", debtor_iban: "", debtor_bic: "", note: "" });
  const fill = (settings) => {
    setSaved(settings);
    form.setValues({
      debtor_name: settings?.debtor_name ?? "",
      debtor_iban: "",
      debtor_bic: settings?.debtor_bic ?? "",
      note: settings?.note ?? "",
    });
  };
  useEffect(() => {
    api("/payout-settings").then(fill, (failure) =>
      // None saved yet: an empty form.
      failure instanceof ApiError && failure.status === 404 ? fill(null) : setError(failure),
    );
  }, []);
  async function save(values) {
    const body = {
      debtor_name: values.debtor_name.trim(),
      debtor_iban: values.debtor_iban.trim(),
      debtor_bic: values.debtor_bic.trim(),
    };
    if (values.note.trim()) body.note = values.note.trim();
    fill(await api("/payout-settings", { method: "PUT", body }));
  }
  const current = saved?.debtor_iban;
  return html`<section id="payout-settings" data-loaded=${saved === undefined ? null : "yes"}>
    <p><a href="#/payouts">← Payouts</a></p>
    <h2>Payer settings</h2>
    <p class="muted">Your own account, which SEPA credit-transfer files pay from. The IBAN is stored encrypted and shown masked; to change any setting, enter it again.</p>
    <${ErrorNote} error=${error} />
    ${current && html`<p class="status" id="payer-iban-saved">Saved: ${saved.debtor_name}, IBAN <code>${current}</code>, BIC ${saved.debtor_bic}</p>`}
    <${Form} id="payer-form" form=${form} onSubmit=${save} submit="Save payer settings" label="Payer settings" shown=${SHOWN}>
      <${Field} form=${form} name="debtor_name" id="payer-name" label="Account holder (your company)" maxlength="70" class="wide" />
      <${Field} form=${form} name="debtor_iban" id="payer-iban" label="IBAN" autocomplete="off" class="wide"
        placeholder=${current ?? "DE89 3704 0044 0532 0130 00"} />
      <${Field} form=${form} name="debtor_bic" id="payer-bic" label="BIC" maxlength="11" />
      <${Field} form=${form} name="note" id="payer-note" label="Payment note" maxlength="100" class="wide"
        hint="The default remittance text on every file's payments" />
    <//>
  </section>`;
}
