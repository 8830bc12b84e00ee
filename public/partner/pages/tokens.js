// Partner API tokens: for the partner's own tools (read everything here, create links). A new
// token is shown once; deleting one asks first.
import { api } from "../shared/ui/api.js";
import { ConfirmButton } from "../shared/ui/confirm.js";
import { Field, Form, useForm } from "../shared/ui/form.js";
import { when } from "../shared/ui/format.js";
import { PagedTable } from "../shared/ui/paged.js";
import { html, useState } from "../shared/ui/preact.js";
import { CopyButton } from "../shared/ui/table.js";

export function TokensPage() {
  const [version, setVersion] = useState(0);
  const [fresh, setFresh] = useState(null);
  const form = useForm({ name: "" });
  const create = async (values) => {
    setFresh(await api("/tokens", { method: "POST", body: { name: values.name.trim() } }));
    form.setValues({ name: "" });
    setVersion((v) => v + 1);
  };
  const columns = [
    ["Name", (t) => t.name],
    ["Created", (t) => when(t.created_at)],
    ["Last used", (t) => when(t.last_used_at)],
    [
      "",
      (
        t,
      ) => html`<${ConfirmButton} label="Delete" data-delete=${t.id} question="Delete this token? Tools using it stop working."
        onConfirm=${() => api(`/tokens/${t.id}`, { method: "DELETE" }).then(() => setVersion((v) => v + 1))} />`,
    ],
  ];
  return html`<section id="tokens-page">
    <h2>API tokens</h2>
    <p>For your own tools: send <code>Authorization: Bearer pt_…</code> to <code>${location.origin}/api/partner/…</code> (the OpenAPI document is <code>/api/partner/openapi.json</code>). A token reads everything you see here and creates links; it cannot change postbacks or make tokens.</p>
    <${Form} id="token-create" form=${form} onSubmit=${create} submit="Create token" shown=${["name"]}>
      <${Field} form=${form} name="name" id="token-name" label="Name" maxlength="100" placeholder="my reporting script" />
    <//>
    ${
      fresh &&
      html`<div class="key-once" id="token-once" role="status"><p>Your new token, shown this once:</p>
      <div class="copyable"><code id="token-value">${fresh.token}</code><${CopyButton} text=${fresh.token} /></div></div>`
    }
    <${PagedTable} id="tokens" path="/tokens" version=${version} columns=${columns} empty="No token yet." />
  </section>`;
}
