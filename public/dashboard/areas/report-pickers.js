// A report's pickers: its group keys (a first, an optional second) and its filters, each select
// filled from the lists the API already has (programs and partners from the app, a program's
// links and goals once it is chosen).
import { all } from "../ui/api.js";
import { Field } from "../ui/form.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { GROUP_KEYS, KEY_LABELS, MEASURES } from "./report-query.js";

const keyOptions = GROUP_KEYS.map((k) => [k, KEY_LABELS[k]]);

export function GroupPickers({ form }) {
  return html`<div class="toolbar" role="group" aria-label="Group by">
    <${Field} form=${form} name="first" id="report-first" label="Group by" options=${keyOptions} />
    <${Field} form=${form} name="second" id="report-second" label="Then by"
      options=${[["", "Nothing"], ...keyOptions]} />
    <${Field} form=${form} name="measure" id="report-measure" label="Chart" options=${MEASURES} />
  </div>`;
}

/** The program's links, for the link filter (none until a program is chosen). */
function useLinks(programId) {
  const [links, setLinks] = useState([]);
  useEffect(() => {
    let current = true;
    setLinks([]);
    if (programId)
      all(`/links?program_id=${programId}`)
        .then((found) => current && setLinks(found))
        .catch(() => current && setLinks([]));
    return () => {
      current = false;
    };
  }, [programId]);
  return links;
}

export function FilterPickers({ form, ctx }) {
  const programId = form.values.program_id;
  const links = useLinks(programId);
  const program = ctx.programs.find((p) => p.id === programId);
  const goals = (program?.goals ?? []).map((g) => [g.name, g.name]);
  const linkLabel = (l) => `${l.id} · ${ctx.names.get(l.partner_id) ?? l.partner_id}`;
  return html`<div class="toolbar" role="group" aria-label="Filters">
    <${Field} form=${form} name="program_id" id="report-program" label="Program"
      options=${[["", "All programs"], ...ctx.programs.map((p) => [p.id, p.name])]} />
    ${
      // The partner portal's reports are one partner's: it passes no partners, and no picker shows.
      ctx.partners.length > 0 &&
      html`<${Field} form=${form} name="partner_id" id="report-partner" label="Partner"
        options=${[["", "All partners"], ...ctx.partners.map((p) => [p.id, p.name])]} />`
    }
    <${Field} form=${form} name="link_id" id="report-link" label="Link"
      options=${[["", programId ? "All links" : "All links (choose a program to pick one)"], ...links.map((l) => [l.id, linkLabel(l)])]} />
    <${Field} form=${form} name="goal" id="report-goal" label="Goal"
      options=${[["", "All goals"], ...goals]} />
  </div>`;
}
