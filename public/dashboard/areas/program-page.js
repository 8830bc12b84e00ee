// A program's own page: its settings, its goals and their commissions, and its conversion key
// (rotated on demand; the new key and its postback URL are shown once).
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { html, useEffect, useState } from "../ui/preact.js";
import { CopyButton, ErrorNote } from "../ui/table.js";
import { GoalsSection } from "./goals.js";
import { ProgramSettings } from "./program-settings.js";
import { freshKeys } from "./programs.js";

function KeyShown({ shown }) {
  return html`<div class="key-once" role="status">
    <p><strong>Conversion key, shown this once:</strong> only its hash is stored. Copy it now.</p>
    <div class="copyable"><code id="conversion-key">${shown.key}</code><${CopyButton} text=${shown.key} /></div>
    <p>The postback URL with this key, for the advertiser's developers:</p>
    <div class="copyable"><code class="url" id="program-postback-url">${shown.url}</code><${CopyButton} text=${shown.url} /></div>
  </div>`;
}

function KeySection({ program }) {
  // A key issued on creation, just before this page opened, is shown here once.
  const [shown, setShown] = useState(() => {
    const fresh = freshKeys.get(program.id) ?? null;
    freshKeys.delete(program.id);
    return fresh;
  });
  async function rotate() {
    const answer = await api(`/programs/${program.id}/rotate-key`, { method: "POST" });
    setShown({ key: answer.conversion_key, url: answer.postback_url });
  }
  return html`<section>
    <h2>Conversion key</h2>
    <p>Postbacks carry the key. Rotating it issues a new one; the old one is refused from then on.</p>
    ${shown && html`<${KeyShown} shown=${shown} />`}
    <${ConfirmButton} label="Rotate key" question="Issue a new conversion key? Postbacks with the old one will be refused at once." onConfirm=${rotate} />
  </section>`;
}

export function ProgramPage({ ctx, param }) {
  const [program, setProgram] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setProgram(null);
    api(`/programs/${param}`).then(setProgram, setError);
    if (ctx.programId !== param) ctx.update({ programId: param });
  }, [param]);
  const changed = (next) => {
    setProgram(next);
    ctx.reload();
  };
  if (error) return html`<${ErrorNote} error=${error} />`;
  if (!program) return html`<p class="status">Loading…</p>`;
  return html`<section id="program-page" data-program=${program.id}>
    <p><a href="#/programs">← Programs</a></p>
    <h2>${program.name}</h2>
    <${KeySection} key=${`key-${program.id}`} program=${program} />
    <${GoalsSection} key=${`goals-${program.updated_at}`} program=${program} onChanged=${changed} />
    <${ProgramSettings} key=${`settings-${program.updated_at}`} program=${program} onChanged=${changed} />
  </section>`;
}
