// A new payout batch (POST /api/payouts): a currency, the minimum payable balance a partner must
// reach, and optionally the partners to pay (none chosen: every partner). The API takes, in one
// transaction, every payable entry of those partners; the new draft's page opens.
import { ApiError, api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { toMinor } from "../ui/format.js";
import { html } from "../ui/preact.js";
import { payoutBody } from "./payout-values.js";

export function PayoutCreate({ ctx }) {
  const form = useForm({ currency: "EUR", minimum: "0", partners: [] });
  const choose = (event) => {
    const chosen = [...event.currentTarget.selectedOptions].map((option) => option.value);
    form.setValues((v) => ({ ...v, partners: chosen }));
  };
  async function create(values) {
    const minimum = toMinor(values.minimum, values.currency);
    // Refused here as the API would: the message goes beside the field.
    if (minimum === null)
      throw new ApiError(400, {
        error: {
          code: "invalid_field",
          message: "The minimum is not an amount.",
          fields: { minimum: `must be an amount in ${values.currency}` },
        },
      });
    const payout = await api("/payouts", {
      method: "POST",
      body: payoutBody(values.currency, minimum, values.partners),
    });
    location.hash = `#/payouts/${payout.id}`;
  }
  return html`<h2>New payout</h2>
    <${Form} id="payout-create" form=${form} onSubmit=${create} submit="Create payout" shown=${["currency", "minimum", "partner_ids"]}>
      <${Field} form=${form} name="currency" id="payout-currency" label="Currency"
        options=${ctx.currencies.map((c) => [c.code, c.code])} />
      <${Field} form=${form} name="minimum" id="payout-minimum" label="Minimum balance" inputmode="decimal"
        hint="Partners whose payable balance is below this wait for the next payout" />
      <div class="field">
        <label for="payout-partners">Partners (none chosen: all)</label>
        <select id="payout-partners" multiple size="4" onChange=${choose}>
          ${ctx.partners.map((p) => html`<option value=${p.id} selected=${form.values.partners.includes(p.id)}>${p.name}</option>`)}
        </select>
      </div>
    <//>`;
}
