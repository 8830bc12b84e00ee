// Payouts: how the partner is paid (their payout details), and their share of each payout that
// holds their commissions, with its status and, once paid, their statement (a printable page).
import { ownStatementUrl } from "../shared/areas/payout-values.js";
import { money, when } from "../shared/ui/format.js";
import { PagedTable } from "../shared/ui/paged.js";
import { html } from "../shared/ui/preact.js";
import { PayoutDetails } from "./payout-details.js";

const CLASSES = { paid: "outcome-ok", cancelled: "outcome-bad" };

const columns = [
  ["Created", (p) => when(p.created_at)],
  [
    "Status",
    (p) =>
      html`<span class=${CLASSES[p.status] ?? null} data-status=${p.status}>${p.status}</span>`,
  ],
  ["Amount", (p) => money(p.total, p.currency), true],
  ["Entries", (p) => p.entries, true],
  ["Paid", (p) => when(p.paid_at)],
  ["Reference", (p) => p.reference ?? "—"],
  [
    "Statement",
    (p) =>
      p.status === "paid"
        ? html`<a href=${ownStatementUrl(p.id)} target="_blank" rel="noopener" data-statement=${p.id}>No. ${p.statement_number ?? "—"}</a>`
        : "—",
  ],
];

export function PayoutsPage() {
  return html`<section id="payouts-page">
    <${PayoutDetails} />
    <h2>Your payouts</h2>
    <p class="status">Each payout pays your commissions whose hold is over, less any clawback. Its statement opens once it is paid.</p>
    <${PagedTable} id="partner-payouts" path="/payouts" columns=${columns}
      rowProps=${(p) => ({ "data-payout": p.id })} empty="No payout yet." />
  </section>`;
}
