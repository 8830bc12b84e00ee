// The add form of an outbound endpoint: URL, method, events; scoped to the chosen program. A POST
// endpoint's signing secret is shown this once.
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { html } from "../ui/preact.js";
import { EventBoxes } from "./endpoint-events.js";

export function EndpointAdd({ ctx, onAdded }) {
  const form = useForm({ url: "", method: "GET", events: ["conversion.registered"] });
  async function add(values) {
    const body = { ...values, url: values.url.trim(), program_id: ctx.programId };
    const created = await api("/endpoints", { method: "POST", body });
    form.setValues((v) => ({ ...v, url: "" }));
    onAdded(
      created.secret ? `Signing secret, shown this once: ${created.secret}` : "Endpoint added.",
    );
  }
  return html`<${Form} id="endpoint-add" form=${form} onSubmit=${add} submit="Add endpoint" shown=${["url", "method", "events", "program_id"]}>
    <${Field} form=${form} name="url" id="endpoint-url" label="URL" type="url"
      placeholder="https://partner.example/postback?clickid={sub1}&payout={commission}" />
    <${Field} form=${form} name="method" id="endpoint-method" label="Method"
      options=${[["GET", "GET (partner postback)"], ["POST", "POST (signed webhook)"]]} />
    <${EventBoxes} group="new" chosen=${form.values.events} onChange=${(events) => form.setValues((v) => ({ ...v, events }))} />
  <//>`;
}
