// Payouts (issue 28), loaded on first use: balances, a new batch, the payouts list; a payout's own
// page at "#/payouts/<id>", the payer settings (for SEPA files) at "#/payouts/settings".
import { Field, useForm } from "../ui/form.js";
import { money, when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html } from "../ui/preact.js";
import { PayoutBalances } from "./payout-balances.js";
import { PayoutCreate } from "./payout-create.js";
import { PayoutPage } from "./payout-page.js";
import { PayoutSettings } from "./payout-settings.js";
import { statusCell } from "./payout-status.js";
import { payoutsPath, STATUS_OPTIONS } from "./payout-values.js";

function PayoutList({ ctx }) {
  const filters = useForm({ status: "", currency: "" });
  const columns = [
    [
      "Created",
      (p) => html`<a href=${`#/payouts/${p.id}`} data-payout=${p.id}>${when(p.created_at)}</a>`,
    ],
    ["Status", statusCell],
    ["Total", (p) => money(p.total, p.currency), true],
    ["Partners", (p) => p.partners.length, true],
    ["Entries", (p) => p.entries, true],
    ["Reference", (p) => p.reference ?? "—"],
  ];
  return html`<h2>Payouts</h2>
    <div class="toolbar">
      <${Field} form=${filters} name="status" id="payout-status" label="Status" options=${STATUS_OPTIONS} />
      <${Field} form=${filters} name="currency" id="payout-list-currency" label="Currency"
        options=${[["", "All"], ...ctx.currencies.map((c) => [c.code, c.code])]} />
    </div>
    <${PagedTable} id="payouts" path=${payoutsPath(filters.values.status, filters.values.currency)}
      columns=${columns} empty="No payout yet." />`;
}

export function PayoutsArea({ ctx, param }) {
  if (param === "settings") return html`<${PayoutSettings} />`;
  if (param) return html`<${PayoutPage} key=${param} ctx=${ctx} id=${param} />`;
  return html`<section id="payouts-area" data-loaded="yes">
    <p class="muted">A payout takes every payable entry of the partners it pays; download its file for PayPal, Wise or your bank (SEPA), pay it there, then mark it paid with your reference. <a href="#/payouts/settings" id="payer-settings-link">Payer settings</a> (your account, for SEPA files).</p>
    <${PayoutCreate} ctx=${ctx} />
    <${PayoutBalances} ctx=${ctx} />
    <${PayoutList} ctx=${ctx} />
  </section>`;
}
