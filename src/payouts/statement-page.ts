/**
 * A payout statement as a printable HTML page (issue 28): server-rendered with hono/html, which
 * escapes every value; no script; one inline style, allowed by its nonce in the page's CSP
 * (`statementCsp`), with print rules so it prints on one A4 width without the browser's chrome.
 */
import { html, raw } from "hono/html";
import { currencyExponent, formatMinor } from "../domain/money";
import type { StatementLine } from "../storage/payout-statements";

export interface StatementView {
  number: number;
  issuedAt: number;
  payer: string;
  partner: { id: string; name: string };
  payout: { id: string; reference: string | null; currency: string };
  lines: StatementLine[];
  total: number;
}

/** No script, nothing fetched: the page's own style (by its nonce) and nothing else. */
export const statementCsp = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; ` +
  "frame-ancestors 'none'";

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #111; margin: 2rem auto; max-width: 50rem; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1.5rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ccc; vertical-align: top; overflow-wrap: anywhere; }
td.amount, th.amount { text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th:nth-child(5), td:nth-child(5) { overflow-wrap: normal; white-space: nowrap; }
tfoot td { font-weight: 700; border-bottom: none; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } @page { size: A4; margin: 15mm; } tr { break-inside: avoid; } }
`;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function statementPage(view: StatementView, nonce: string) {
  const { currency } = view.payout;
  const money = (minor: number) => `${formatMinor(minor, currencyExponent(currency))} ${currency}`;
  const rows = view.lines.map(
    (line) => html`<tr>
        <td>${day(line.createdAt)}</td>
        <td><code>${line.conversionId}</code></td>
        <td>${line.programName ?? line.programId}</td>
        <td>${line.orderId ?? ""}</td>
        <td>${line.amount < 0 ? "Clawback" : "Commission"}</td>
        <td class="amount">${money(line.amount)}</td>
      </tr>`,
  );
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Payout statement No. ${view.number}</title>
    <style nonce="${nonce}">${raw(STYLE)}</style>
  </head>
  <body>
    <main>
      <h1>Payout statement No. ${view.number}</h1>
      <dl>
        <dt>Statement number</dt><dd>${view.number}</dd>
        <dt>Date</dt><dd>${day(view.issuedAt)}</dd>
        <dt>Paid by</dt><dd>${view.payer}</dd>
        <dt>Paid to</dt><dd>${view.partner.name} (partner <code>${view.partner.id}</code>)</dd>
        <dt>Payout</dt><dd><code>${view.payout.id}</code></dd>
        <dt>Payment reference</dt><dd>${view.payout.reference ?? ""}</dd>
      </dl>
      <table>
        <thead>
          <tr><th>Date</th><th>Conversion</th><th>Program</th><th>Order ID</th><th>Kind</th><th class="amount">Amount</th></tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
        <tfoot>
          <tr><td colspan="5">Total (${view.lines.length} entries)</td><td class="amount">${money(view.total)}</td></tr>
        </tfoot>
      </table>
    </main>
  </body>
</html>`;
}
