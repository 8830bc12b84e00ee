// A commission rule in a form: a percentage of the amount, or a fixed amount typed in the
// currency's own decimals (sent to the API in minor units).
import { Field } from "../ui/form.js";
import { html } from "../ui/preact.js";

/** The three fields; `path` is where the API names the rule ("commission", "goals.2.commission"). */
export function CommissionFields({ form, path = "commission", inherit }) {
  const types = [
    ["percent", "Percent of the amount"],
    ["fixed", "Fixed amount"],
  ];
  const type = form.values.commission_type;
  return html`<fieldset class="commission">
    <legend>Commission</legend>
    <${Field} form=${form} name="commission_type" path=${`${path}.type`} label="Type"
      options=${inherit ? [["inherit", inherit], ...types] : types} />
    ${
      type !== "inherit" &&
      html`<${Field} form=${form} name="commission_value" path=${`${path}.value`}
      label=${type === "fixed" ? "Amount" : "Percent"} inputmode="decimal" />`
    }
    ${
      type === "fixed" &&
      html`<${Field} form=${form} name="commission_currency" path=${`${path}.currency`}
      label="Currency" maxlength="3" />`
    }
  </fieldset>`;
}
