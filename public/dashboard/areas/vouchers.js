// The chosen program's voucher codes: assign one to a partner (a code already assigned moves to
// the new partner), and the paged list by code.
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html, useState } from "../ui/preact.js";

export function VouchersArea({ ctx }) {
  const form = useForm({ code: "", partner_id: ctx.partners[0]?.id ?? "" });
  const [version, setVersion] = useState(0);
  async function assign(values) {
    await api(`/programs/${ctx.programId}/vouchers`, { method: "POST", body: values });
    form.setValues((v) => ({ ...v, code: "" }));
    setVersion((v) => v + 1);
  }
  const columns = [
    ["Code", (v) => html`<code>${v.code}</code>`],
    ["Partner", (v) => ctx.names.get(v.partner_id) ?? v.partner_id],
    ["Assigned", (v) => when(v.created_at)],
  ];
  return html`<section>
    <h2>Create voucher</h2>
    <p>A postback whose <code>voucher</code> names one of these codes is credited to its partner, with or without a click.</p>
    ${
      ctx.partners.length
        ? html`<${Form} id="voucher-create" form=${form} onSubmit=${assign} submit="Create voucher" shown=${["code", "partner_id"]}>
          <${Field} form=${form} name="code" label="Code" maxlength="64" placeholder="SUMMER-ALICE" />
          <${Field} form=${form} name="partner_id" label="Partner" options=${ctx.partners.map((p) => [p.id, p.name])} />
        <//>`
        : html`<p>Add a partner first, under <a href="#/partners">Partners</a>.</p>`
    }
    <h2>Vouchers</h2>
    <${PagedTable} id="vouchers" path=${`/programs/${ctx.programId}/vouchers`} version=${version} columns=${columns} empty="No voucher yet." />
  </section>`;
}
