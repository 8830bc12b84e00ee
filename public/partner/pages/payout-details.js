// The partner's own payout details (GET/PUT/DELETE /api/partner/payout-details): a PayPal e-mail,
// or an IBAN with its BIC and the account holder's name. Stored encrypted; the API answers them
// masked only, so the form starts empty and saving replaces what was there.
import { detailsBody, detailsText } from "../shared/areas/payout-values.js";
import { api } from "../shared/ui/api.js";
import { ConfirmButton } from "../shared/ui/confirm.js";
import { Field, Form, useForm } from "../shared/ui/form.js";
import { when } from "../shared/ui/format.js";
import { html, useEffect, useState } from "../shared/ui/preact.js";
import { ErrorNote } from "../shared/ui/table.js";

const EMPTY = { method: "iban", email: "", iban: "", bic: "", account_holder: "" };
const METHODS = [
  ["iban", "Bank transfer (IBAN)"],
  ["paypal", "PayPal"],
];

export function PayoutDetails() {
  const [details, setDetails] = useState(null);
  const [error, setError] = useState(null);
  const form = useForm(EMPTY);
  useEffect(() => {
    api("/payout-details").then((answer) => {
      setDetails(answer);
      if (answer.method) form.setValues({ ...EMPTY, method: answer.method });
    }, setError);
  }, []);
  async function save(values) {
    setDetails(await api("/payout-details", { method: "PUT", body: detailsBody(values) }));
    form.setValues({ ...EMPTY, method: values.method });
  }
  const remove = () =>
    api("/payout-details", { method: "DELETE" }).then(() => setDetails({ method: null }));
  const iban = form.values.method === "iban";
  return html`<section id="payout-details" data-loaded=${details ? "yes" : null}>
    <h2>How you are paid</h2>
    <${ErrorNote} error=${error} />
    ${
      details?.method
        ? html`<p class="status" id="payout-details-saved">Saved: <strong>${detailsText(details)}</strong>
            <span class="muted"> (${when(details.updated_at)})</span></p>
          <${ConfirmButton} label="Remove" id="payout-details-remove"
            question="Remove your payout details? You are not paid until you give them again." onConfirm=${remove} />`
        : details &&
          html`<p class="status" id="payout-details-none">No payout details yet: give them below to be paid.</p>`
    }
    ${details?.method && html`<h3>Replace them</h3>`}
    <${Form} id="payout-details-form" form=${form} onSubmit=${save} submit="Save payout details" label="Payout details"
      shown=${["method", "email", "iban", "bic", "account_holder"]}>
      <${Field} form=${form} name="method" id="payout-method" label="Paid by" options=${METHODS} />
      ${
        iban
          ? html`<${Field} form=${form} name="iban" id="payout-iban" label="IBAN" autocomplete="off" class="wide" placeholder="DE89 3704 0044 0532 0130 00" />
            <${Field} form=${form} name="bic" id="payout-bic" label="BIC" maxlength="11" autocomplete="off" />
            <${Field} form=${form} name="account_holder" id="payout-holder" label="Account holder" maxlength="70"
              hint="As your bank knows it: Latin letters, digits, spaces and / - ? : ( ) . , ' +" />`
          : html`<${Field} form=${form} name="email" id="payout-email" label="PayPal e-mail" type="email" autocomplete="off" class="wide" />`
      }
    <//>
  </section>`;
}
