// Applications from the programs' public forms (/join/<program id>): pending ones first, filtered
// by status and program; Approve creates the partner in the program and shows its invite (a
// one-time sign-in URL, to copy); Reject takes an optional reason. A decision another tab made
// first is said so ("already decided"), and the list is read again.
import { api } from "../ui/api.js";
import { Field, useForm } from "../ui/form.js";
import { when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html, useState } from "../ui/preact.js";
import { CopyButton, ErrorNote, Table } from "../ui/table.js";
import {
  applicationsPath,
  DECIDED_ALREADY,
  decidedAlready,
  joinUrl,
  STATUS_OPTIONS,
  websiteHref,
} from "./application-values.js";
import { InviteShown } from "./invite-shown.js";

function Decision({ application, onDecided, onTooLate }) {
  const id = application.id;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function decide(decision, body) {
    setBusy(true);
    setError(null);
    try {
      onDecided(await api(`/applications/${id}/${decision}`, { method: "POST", body }));
    } catch (failure) {
      setBusy(false);
      if (decidedAlready(failure)) onTooLate();
      else setError(failure);
    }
  }
  const reject = () => decide("reject", reason.trim() ? { reason: reason.trim() } : undefined);
  if (!rejecting)
    return html`<div class="actions">
      <button type="button" data-approve=${id} disabled=${busy} onClick=${() => decide("approve")}>Approve</button>
      <button type="button" class="danger" data-reject=${id} onClick=${() => setRejecting(true)}>Reject</button>
      <${ErrorNote} error=${error} />
    </div>`;
  return html`<div class="actions" role="group" aria-label=${`Reject ${application.name}`}>
    <input type="text" maxlength="500" placeholder="Reason (optional)" aria-label="Reason for rejecting"
      value=${reason} ref=${(input) => input?.focus()}
      onInput=${(event) => setReason(event.currentTarget.value)}
      onKeyDown=${(event) => event.key === "Enter" && reject()} />
    <button type="button" class="danger" disabled=${busy} onClick=${reject}>Confirm</button>
    <button type="button" class="secondary" onClick=${() => setRejecting(false)}>Cancel</button>
    <${ErrorNote} error=${error} />
  </div>`;
}

function statusCell(a) {
  if (a.status === "approved") return html`<span class="outcome-ok">approved</span>`;
  if (a.status !== "rejected") return a.status;
  const text = a.reason ? `rejected: ${a.reason}` : "rejected";
  return html`<span class="outcome-bad reason" title=${text}>${text}</span>`;
}

function website(a) {
  if (!a.website) return "—";
  const href = websiteHref(a.website);
  return href
    ? html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${a.website}</a>`
    : a.website;
}

/** Each program's public form: its URL when open, else where to open it. */
function PublicForms({ programs }) {
  const columns = [
    ["Program", (p) => p.name],
    [
      "Application form",
      (p) =>
        p.applications_open
          ? html`<div class="copyable"><code class="url">${joinUrl(location.origin, p.id)}</code><${CopyButton} text=${joinUrl(location.origin, p.id)} />
              <a href=${joinUrl(location.origin, p.id)} target="_blank" rel="noopener">Open</a></div>`
          : html`<span class="muted">closed: open it in <a href=${`#/programs/${p.id}`}>the program's settings</a></span>`,
    ],
  ];
  return html`<${Table} id="join-forms" columns=${columns} rows=${programs} empty="No program yet." />`;
}

export function ApplicationsArea({ ctx }) {
  const filters = useForm({ status: "pending", program_id: "" });
  const [version, setVersion] = useState(0);
  const [approved, setApproved] = useState(null);
  const [notice, setNotice] = useState(null);
  const programName = (id) => ctx.programs.find((p) => p.id === id)?.name ?? id;
  const decided = (answer) => {
    setNotice(null);
    // An approval answers {application, partner_id, invite}; a rejection the application.
    if (answer.invite) {
      setApproved(answer);
      ctx.reload();
    } else setNotice(`${answer.name}'s application was rejected.`);
    setVersion((v) => v + 1);
  };
  const tooLate = () => {
    setNotice(DECIDED_ALREADY);
    setVersion((v) => v + 1);
  };
  const columns = [
    ["Received", (a) => when(a.created_at)],
    ["Program", (a) => programName(a.program_id)],
    ["Name", (a) => a.name],
    ["Email", (a) => a.email],
    ["Website", website],
    ["How they promote", (a) => html`<span class="promotion">${a.promotion}</span>`],
    ["Status", statusCell],
    [
      "",
      (a) =>
        a.status === "pending" &&
        html`<${Decision} key=${a.id} application=${a} onDecided=${decided} onTooLate=${tooLate} />`,
    ],
  ];
  const programs = [["", "All programs"], ...ctx.programs.map((p) => [p.id, p.name])];
  return html`<section id="applications-area">
    <h2>Applications</h2>
    <p class="muted">Would-be partners apply on a program's public form. Approving creates the partner in that program and gives you its invite to send; it creates no link.</p>
    <div class="toolbar">
      <${Field} form=${filters} name="status" id="application-status" label="Status" options=${STATUS_OPTIONS} />
      <${Field} form=${filters} name="program_id" id="application-program" label="Program" options=${programs} />
    </div>
    ${notice && html`<p class="status" role="status" id="application-notice">${notice}</p>`}
    ${
      approved &&
      html`<div id="application-approved">
        <p class="status">${approved.application.name} is now a partner of ${programName(approved.application.program_id)}.</p>
        <${InviteShown} key=${approved.invite.url} invite=${approved.invite} name=${approved.application.name}
          email=${approved.application.email} onClose=${() => setApproved(null)} />
      </div>`
    }
    <${PagedTable} id="applications" path=${applicationsPath(filters.values)} version=${version} columns=${columns}
      empty="No application here." rowProps=${(a) => ({ "data-application": a.id })} />
    <h2>Public application forms</h2>
    <p class="muted">A program takes applications at <code>${"/join/<program id>"}</code> once "Open to applications" is ticked in its settings.</p>
    <${PublicForms} programs=${ctx.programs} />
  </section>`;
}
