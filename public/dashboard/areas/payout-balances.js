// What each partner is owed, per currency (GET /api/balances): payable now, held (within the
// program's hold), in open payouts, and paid. Filtered by currency and a minimum payable amount.
import { Field, useForm } from "../ui/form.js";
import { money, toMinor } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html } from "../ui/preact.js";
import { balancesPath } from "./payout-values.js";

export function PayoutBalances({ ctx, version }) {
  const filters = useForm({ currency: "", minimum: "" });
  const { currency, minimum } = filters.values;
  const minor = currency && minimum.trim() ? toMinor(minimum, currency) : null;
  const bad = currency && minimum.trim() && minor === null;
  const name = (id) => ctx.names.get(id) ?? id;
  const columns = [
    ["Partner", (b) => html`<span data-partner=${b.partner_id}>${name(b.partner_id)}</span>`],
    ["Currency", (b) => b.currency],
    ["Payable", (b) => money(b.payable, b.currency), true],
    ["Held", (b) => money(b.held, b.currency), true],
    ["In payouts", (b) => money(b.in_payouts, b.currency), true],
    ["Paid", (b) => money(b.paid, b.currency), true],
  ];
  return html`<h2>Balances</h2>
    <p class="muted">Sums of each partner's ledger, per currency, nothing converted. Payable: past its program's hold and in no payout; a clawback (a refusal after approval) counts against it.</p>
    <div class="toolbar">
      <${Field} form=${filters} name="currency" id="balance-currency" label="Currency"
        options=${[["", "All"], ...ctx.currencies.map((c) => [c.code, c.code])]} />
      <${Field} form=${filters} name="minimum" id="balance-minimum" label="Payable at least" inputmode="decimal"
        disabled=${!currency} placeholder=${currency ? "50.00" : "choose a currency"} />
    </div>
    ${bad && html`<p class="error" role="alert">The minimum is not an amount in ${currency}.</p>`}
    <${PagedTable} id="balances" path=${balancesPath(currency, bad ? null : minor)} version=${version}
      columns=${columns} empty="No balance: approved commissions appear here." />`;
}
