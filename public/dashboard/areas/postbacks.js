// The postback log of the chosen program, newest first, paged: a broken integration stands out.
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html } from "../ui/preact.js";

const columns = [
  ["Received", (p) => when(p.received_at)],
  ["Status", (p) => p.http_status, true],
  [
    "Outcome",
    (p) =>
      html`<span class=${p.http_status < 300 ? "outcome-ok" : "outcome-bad"}>${p.outcome}</span>`,
  ],
  ["Order", (p) => p.fields.id ?? "—"],
  ["Amount", (p) => (p.fields.amount ? `${p.fields.amount} ${p.fields.currency ?? ""}` : "—")],
  ["Click IDs", (p) => p.fields.cids ?? "—"],
  ["Test", (p) => (p.test ? "test" : "")],
];

export function PostbacksArea({ ctx }) {
  return html`<section>
    <h2>Latest postbacks</h2>
    <${PagedTable} id="postbacks" path=${`/postbacks?program_id=${ctx.programId}`} limit=${25}
      columns=${columns} empty="No postback received yet." />
  </section>`;
}
