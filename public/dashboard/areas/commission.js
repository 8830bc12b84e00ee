// A commission rule in a form: a percentage of the amount, or a fixed amount typed in the
// currency's own decimals (sent to the API in minor units).
import { Field } from "../ui/form.js";
import { fromMinor, toMinor } from "../ui/format.js";
import { html } from "../ui/preact.js";

/** The form values of a rule (prefix "commission_"), for a form's initial state. */
export const ruleValues = (rule) => ({
  commission_type: rule?.type ?? "percent",
  commission_value:
    rule?.type === "fixed" ? fromMinor(rule.value, rule.currency) : String(rule?.value ?? 10),
  commission_currency: rule?.currency ?? "EUR",
});

/**
 * The API's rule from the form's values. Text that is no amount goes as it is, so that the API's
 * own message ("must be a number") lands next to the field.
 */
export function ruleOf(values) {
  const text = values.commission_value.trim();
  if (values.commission_type === "fixed") {
    const currency = values.commission_currency.trim().toUpperCase();
    return { type: "fixed", value: toMinor(text, currency) ?? text, currency };
  }
  return {
    type: "percent",
    value: text === "" || Number.isNaN(Number(text)) ? text : Number(text),
  };
}

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
