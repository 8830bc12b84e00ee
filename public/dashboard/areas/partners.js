// Partners (affiliates, publishers): create one, and the paged list. The API has no change or
// disable route for a partner yet; a link of theirs is disabled under Links.
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html, useState } from "../ui/preact.js";

const columns = [
  ["Name", (p) => p.name],
  ["Email", (p) => p.email ?? "—"],
  ["Added", (p) => when(p.created_at)],
  ["ID", (p) => html`<code>${p.id}</code>`],
];

export function PartnersArea({ ctx }) {
  const form = useForm({ name: "", email: "" });
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState(null);
  async function create(values) {
    const body = { name: values.name };
    if (values.email.trim()) body.email = values.email.trim();
    const partner = await api("/partners", { method: "POST", body });
    setCreated(partner);
    form.setValues({ name: "", email: "" });
    setVersion((v) => v + 1);
    await ctx.reload();
  }
  return html`<section>
    <h2>Create partner</h2>
    <${Form} id="partner-create" form=${form} onSubmit=${create} submit="Create partner" shown=${["name", "email"]}>
      <${Field} form=${form} name="name" label="Name" maxlength="200" />
      <${Field} form=${form} name="email" label="Email (optional)" type="email" />
    <//>
    ${created && html`<p class="status" role="status">Partner ${created.name} added. Give them a link under <a href="#/links">Links</a>.</p>`}
    <h2>Partners</h2>
    <${PagedTable} id="partner-list" path="/partners" version=${version} columns=${columns} empty="No partner yet." />
  </section>`;
}
