// The partner's links: create one in a program (its landing page, or a page on its allowed
// domains), the paged list with Copy, and the deep-link builder (a page and sub-IDs) for any.
import { DeepLink } from "../shared/areas/deep-link.js";
import { allowedPage } from "../shared/areas/deep-link-url.js";
import { api, csvFile } from "../shared/ui/api.js";
import { saveBlob } from "../shared/ui/download.js";
import { Field, Form, useForm } from "../shared/ui/form.js";
import { when } from "../shared/ui/format.js";
import { PagedTable } from "../shared/ui/paged.js";
import { html, useState } from "../shared/ui/preact.js";
import { CopyButton, ErrorNote } from "../shared/ui/table.js";

function LinkCreate({ ctx, onCreated }) {
  const form = useForm({ program_id: ctx.programId, destination: "" });
  const program = ctx.programs.find((p) => p.id === form.values.program_id);
  const domains = program?.allowed_domains ?? [];
  const destination = form.values.destination.trim();
  const off = destination && !allowedPage(destination, domains);
  const create = async (values) => {
    const body = { program_id: values.program_id };
    if (values.destination.trim()) body.destination = values.destination.trim();
    onCreated(await api("/links", { method: "POST", body }), program);
    form.setValues((v) => ({ ...v, destination: "" }));
  };
  return html`<${Form} id="link-create" form=${form} onSubmit=${create} submit="Create link" shown=${["program_id", "destination"]}>
    <${Field} form=${form} name="program_id" id="link-program" label="Program" options=${ctx.programs.map((p) => [p.id, p.name])} />
    <${Field} form=${form} name="destination" id="link-destination" label="Page to send visitors to (optional)" type="url"
      placeholder=${program?.landing_url ?? "https://shop.example.com/"}
      hint=${`Default: the landing page. Must be on ${domains.join(", ") || "the program's domains"}.`} />
    ${off && html`<p class="field-error" id="link-off-domain" role="alert">That page is not on ${domains.join(", ")}: the program does not allow it.</p>`}
  <//>`;
}

export function SubIdGuide() {
  return html`<details class="guide" id="sub-id-guide" open>
    <summary>Sub-IDs: tell your traffic apart</summary>
    <p>Add <code>sub1</code>…<code>sub5</code> to any of your links (up to 255 characters each), e.g. <code>sub1=newsletter&sub2=2026-12</code> or your own click ID in <code>sub1</code>. Reports group by them, and your postbacks can send them back with <code>{sub1}</code>…<code>{sub5}</code>. Never put a visitor's e-mail or name in a sub-ID.</p>
  </details>`;
}

export function LinksPage({ ctx }) {
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState(null);
  const [chosen, setChosen] = useState(null);
  const [csvError, setCsvError] = useState(null);
  const download = async () => {
    setCsvError(null);
    saveBlob(await csvFile("/links?format=csv"), "links.csv");
  };
  const programName = new Map(ctx.programs.map((p) => [p.id, p.name]));
  const columns = [
    ["Program", (l) => programName.get(l.program_id) ?? l.program_id],
    ["Link", (l) => html`<code class="url">${l.url}</code>`],
    ["", (l) => html`<${CopyButton} text=${l.url} />`],
    [
      "Destination",
      (l) => (l.follows_landing_url || !l.destination ? "landing page" : l.destination),
    ],
    ["Status", (l) => (l.disabled ? "disabled" : "active")],
    ["Created", (l) => when(l.created_at)],
    [
      "",
      (l) =>
        html`<button type="button" class="secondary" data-deep-link=${l.id} onClick=${() => setChosen(l)}>Deep link</button>`,
    ],
  ];
  const program = chosen && ctx.programs.find((p) => p.id === chosen.program_id);
  return html`<section id="links-page">
    <h2>Create link</h2>
    ${
      ctx.programs.length
        ? html`<${LinkCreate} ctx=${ctx} onCreated=${(link) => {
            setCreated(link);
            setChosen(link);
            setVersion((v) => v + 1);
          }} />`
        : html`<p>No program yet: the operator adds you to one.</p>`
    }
    ${created && html`<p class="status" role="status" id="link-created">Link created: <code class="url">${created.url}</code> <${CopyButton} text=${created.url} /></p>`}
    <${SubIdGuide} />
    ${chosen && html`<${DeepLink} key=${chosen.id} link=${chosen} program=${program} />`}
    <h2>Your links</h2>
    <div class="toolbar">
      <button type="button" id="download-links-csv" class="secondary" onClick=${() => download().catch(setCsvError)}>Download CSV</button>
    </div>
    <${ErrorNote} error=${csvError} />
    <${PagedTable} id="links" path="/links" version=${version} columns=${columns} empty="No link yet." />
  </section>`;
}
