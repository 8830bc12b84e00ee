// The chosen program's tracking links: create one (a partner, an optional destination), the paged
// list, the deep-link builder, and the program's postback URL template.
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { Field, Form, useForm } from "../ui/form.js";
import { PagedTable } from "../ui/paged.js";
import { html, useState } from "../ui/preact.js";
import { CopyButton } from "../ui/table.js";
import { DeepLink } from "./deep-link.js";

function LinkCreate({ ctx, onCreated }) {
  const form = useForm({ partner_id: ctx.partners[0]?.id ?? "", destination: "" });
  const create = async (values) => {
    const body = { program_id: ctx.programId, partner_id: values.partner_id };
    if (values.destination.trim()) body.destination = values.destination.trim();
    onCreated(await api("/links", { method: "POST", body }));
    form.setValues((v) => ({ ...v, destination: "" }));
  };
  if (!ctx.partners.length)
    return html`<p>Add a partner first, under <a href="#/partners">Partners</a>.</p>`;
  return html`<${Form} id="link-create" form=${form} onSubmit=${create} submit="Create link" shown=${["partner_id", "destination", "program_id"]}>
    <${Field} form=${form} name="partner_id" label="Partner" options=${ctx.partners.map((p) => [p.id, p.name])} />
    <${Field} form=${form} name="destination" label="Destination (optional)" type="url"
      placeholder=${ctx.program?.landing_url ?? "https://shop.example.com/"} hint="Default: the program's landing page" />
  <//>`;
}

/** Disabling a link (its visitors get the fallback page) asks first; enabling does not. */
function LinkSwitch({ link, onChanged }) {
  const set = (disabled) =>
    api(`/links/${link.id}`, { method: "PATCH", body: { disabled } }).then(onChanged);
  return link.disabled
    ? html`<button type="button" class="secondary" onClick=${() => set(false)}>Enable</button>`
    : html`<${ConfirmButton} label="Disable" question="Disable this link? Its visitors will get the fallback page." onConfirm=${() => set(true)} />`;
}

export const postbackTemplate = () =>
  `${location.origin}/?key={{KEY}}&id={{UNIQUE_ID}}&amount={{AMOUNT}}&currency={{CURRENCY}}&payment={{PAYMENT}}&customer={{CUSTOMER_ID}}&cv={{SUB_ID}}&voucher={{VOUCHER_CODE}}&cids={{ClickIDs}}`;

export function LinksArea({ ctx }) {
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState(null);
  const [chosen, setChosen] = useState(null);
  const columns = [
    ["Partner", (l) => ctx.names.get(l.partner_id) ?? l.partner_id],
    ["Link", (l) => html`<code class="url">${l.url}</code>`],
    ["", (l) => html`<${CopyButton} text=${l.url} />`],
    ["Destination", (l) => (l.follows_landing_url ? "landing page" : l.destination)],
    ["Status", (l) => (l.disabled ? "disabled" : "active")],
    [
      "",
      (l) => html`<div class="actions">
        <button type="button" class="secondary" onClick=${() => setChosen(l)}>Deep link</button>
        <${LinkSwitch} link=${l} onChanged=${() => setVersion((v) => v + 1)} />
      </div>`,
    ],
  ];
  return html`<section>
    <h2>Create link</h2>
    <${LinkCreate} key=${ctx.programId} ctx=${ctx} onCreated=${(link) => {
      setCreated(link);
      setChosen(link);
      setVersion((v) => v + 1);
    }} />
    ${created && html`<p class="status" role="status">Link created: <code class="url">${created.url}</code> <${CopyButton} text=${created.url} /></p>`}
    ${chosen && html`<${DeepLink} key=${chosen.id} link=${chosen} program=${ctx.program} />`}
    <h2>Tracking links</h2>
    <${PagedTable} id="links" path=${`/links?program_id=${ctx.programId}`} version=${version} columns=${columns} empty="No link yet." />
    <h2>Postback URL</h2>
    <p>Give this to the advertiser's developers, with the program's conversion key in place of <code>{{KEY}}</code> (a program's page rotates the key and shows the URL with it).</p>
    <div class="copyable"><code id="postback-url">${postbackTemplate()}</code><${CopyButton} text=${postbackTemplate()} /></div>
  </section>`;
}
