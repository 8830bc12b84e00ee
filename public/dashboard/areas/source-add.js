// The add form of a conversion source: the platform, its signing secret (a password field: it is
// stored encrypted and never shown again), and Shopify's amount basis.
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { html } from "../ui/preact.js";

const BASES = [
  ["subtotal", "Subtotal: after discounts, before tax and shipping"],
  ["total", "Total: what the customer paid"],
];

export function SourceAdd({ ctx, onAdded }) {
  const form = useForm({ type: "stripe", signing_secret: "", amount_basis: "subtotal" });
  const shopify = form.values.type === "shopify";
  async function add(values) {
    const body = { type: values.type, signing_secret: values.signing_secret };
    if (values.type === "shopify") body.amount_basis = values.amount_basis;
    const created = await api(`/programs/${ctx.programId}/sources`, { method: "POST", body });
    form.setValues((v) => ({ ...v, signing_secret: "" }));
    onAdded(created);
  }
  return html`<${Form} id="source-add" form=${form} onSubmit=${add} submit="Add source"
    shown=${["type", "signing_secret", "amount_basis"]}>
    <${Field} form=${form} name="type" id="source-type" label="Platform"
      options=${[["stripe", "Stripe"], ["shopify", "Shopify"]]} />
    <${Field} form=${form} name="signing_secret" id="source-secret" label="Signing secret"
      type="password" autocomplete="off" hint=${shopify ? "The app's or store's webhook secret" : "The endpoint's whsec_…"} />
    ${shopify && html`<${Field} form=${form} name="amount_basis" id="source-basis" label="Amount of a sale" options=${BASES} />`}
  <//>`;
}
