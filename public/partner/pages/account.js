// The partner's passkeys: add one (another device), delete one (asks first).
import { registerPasskey } from "../passkeys.js";
import { api } from "../shared/ui/api.js";
import { ConfirmButton } from "../shared/ui/confirm.js";
import { when } from "../shared/ui/format.js";
import { PagedTable } from "../shared/ui/paged.js";
import { html, useState } from "../shared/ui/preact.js";
import { ErrorNote } from "../shared/ui/table.js";

export function AccountPage({ ctx }) {
  const [version, setVersion] = useState(0);
  const [error, setError] = useState(null);
  const add = () =>
    registerPasskey("Passkey").then(
      () => setVersion((v) => v + 1),
      (failure) => setError(failure),
    );
  const columns = [
    ["Name", (p) => p.name],
    ["Added", (p) => when(p.created_at)],
    ["Last used", (p) => when(p.last_used_at)],
    [
      "",
      (
        p,
      ) => html`<${ConfirmButton} label="Delete" data-delete=${p.id} question="Delete this passkey? It signs in no more."
        onConfirm=${() => api(`/passkeys/${p.id}`, { method: "DELETE" }).then(() => setVersion((v) => v + 1))} />`,
    ],
  ];
  return html`<section id="account-page">
    <h2>Passkeys</h2>
    <p>Signed in as ${ctx.me.name}${ctx.me.email ? ` (${ctx.me.email})` : ""}. A passkey signs you in without a password; register one on each device you use.</p>
    <div class="toolbar"><button type="button" id="passkey-add" onClick=${add}>Register a passkey</button></div>
    <${ErrorNote} error=${error} />
    <${PagedTable} id="passkeys" path="/passkeys" version=${version} columns=${columns} empty="No passkey yet." />
  </section>`;
}
