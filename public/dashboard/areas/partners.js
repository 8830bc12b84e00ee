// Partners (affiliates, publishers): create one, and the paged list with each one's state, an
// invite to the partner portal (a one-time URL, shown once) and Disable (asks first) or Enable.
// A link of theirs is disabled under Links. Their payout details (masked) show on demand.
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { Field, Form, useForm } from "../ui/form.js";
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html, useState } from "../ui/preact.js";
import { ErrorNote } from "../ui/table.js";
import { InviteShown } from "./invite-shown.js";
import { PartnerPayoutDetails } from "./payout-details.js";

/** Invite (a disabled partner has none: enable it first), and Disable or Enable. */
function PartnerActions({ partner, onInvited, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function invite() {
    setBusy(true);
    setError(null);
    try {
      onInvited(partner, await api(`/partners/${partner.id}/invite`, { method: "POST" }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  const set = (disabled) =>
    api(`/partners/${partner.id}`, { method: "PATCH", body: { disabled } }).then(onChanged);
  const enable = () => set(false).catch(setError);
  return html`<div class="actions">
    ${
      partner.disabled
        ? html`<button type="button" class="secondary" onClick=${enable}>Enable</button>`
        : html`<button type="button" class="secondary" disabled=${busy} onClick=${invite}>Invite</button>
          <${ConfirmButton} label="Disable"
            question=${`Disable ${partner.name}? Their portal sessions, tokens and unused invites stop working at once; their links keep redirecting and tracking.`}
            onConfirm=${() => set(true)} />`
    }
    <${ErrorNote} error=${error} />
  </div>`;
}

export function PartnersArea({ ctx }) {
  const form = useForm({ name: "", email: "" });
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState(null);
  // The invite just issued, with its partner: shown once, forgotten when the area closes.
  const [invited, setInvited] = useState(null);
  async function create(values) {
    const body = { name: values.name };
    if (values.email.trim()) body.email = values.email.trim();
    const partner = await api("/partners", { method: "POST", body });
    setCreated(partner);
    form.setValues({ name: "", email: "" });
    setVersion((v) => v + 1);
    await ctx.reload();
  }
  const changed = (partner) => {
    // Disabling ends the partner's unused invites: the one shown is void.
    if (partner.disabled) setInvited((shown) => (shown?.partner.id === partner.id ? null : shown));
    setVersion((v) => v + 1);
  };
  const columns = [
    ["Name", (p) => p.name],
    ["Email", (p) => p.email ?? "—"],
    ["Status", (p) => (p.disabled ? html`<span class="outcome-bad">disabled</span>` : "active")],
    ["Added", (p) => when(p.created_at)],
    ["ID", (p) => html`<code>${p.id}</code>`],
    ["Payouts", (p) => html`<${PartnerPayoutDetails} partnerId=${p.id} />`],
    [
      "",
      (p) =>
        html`<${PartnerActions} partner=${p} onChanged=${changed}
          onInvited=${(partner, invite) => setInvited({ partner, invite })} />`,
    ],
  ];
  return html`<section id="partners-area">
    <h2>Create partner</h2>
    <${Form} id="partner-create" form=${form} onSubmit=${create} submit="Create partner" shown=${["name", "email"]}>
      <${Field} form=${form} name="name" label="Name" maxlength="200" />
      <${Field} form=${form} name="email" label="Email (optional)" type="email" />
    <//>
    ${created && html`<p class="status" role="status">Partner ${created.name} added. Give them a link under <a href="#/links">Links</a>, or an invite to their portal below.</p>`}
    <h2>Partners</h2>
    <p class="muted">An invite is a one-time sign-in URL to the partner portal, valid 7 days. Disabling a partner signs them out everywhere; their links keep working.</p>
    ${
      invited &&
      html`<${InviteShown} key=${invited.invite.url} invite=${invited.invite} name=${invited.partner.name}
        email=${invited.partner.email} onClose=${() => setInvited(null)} />`
    }
    <${PagedTable} id="partner-list" path="/partners" version=${version} columns=${columns} empty="No partner yet."
      rowProps=${(p) => ({ "data-partner": p.id, class: p.disabled ? "disabled" : null })} />
  </section>`;
}
