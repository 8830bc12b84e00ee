// The deep-link builder: a link that lands on one exact page (`url`, which must be on the
// program's allowed domains, else the link's own destination is used) with the partner's own
// sub-IDs (`sub1`…`sub5`).
import { html, useState } from "../ui/preact.js";
import { CopyButton } from "../ui/table.js";
import { allowedPage, deepLink } from "./deep-link-url.js";

export function DeepLink({ link, program }) {
  const [page, setPage] = useState("");
  const [subs, setSubs] = useState(["", "", "", "", ""]);
  const built = deepLink(link.url, page, subs);
  const domains = program?.allowed_domains ?? [];
  const off = page.trim() && !allowedPage(page.trim(), domains);
  return html`<section class="deep-link" aria-label="Deep-link builder">
    <h3>Deep link for ${link.url}</h3>
    <label class="field"><span>Page to land on</span>
      <input type="url" value=${page} placeholder=${program?.landing_url ?? ""} onInput=${(e) => setPage(e.currentTarget.value)} />
      ${off && html`<span class="field-error">is not on ${domains.join(", ")}: the link's own destination would be used</span>`}
    </label>
    <div class="subs">
      ${subs.map(
        (value, i) => html`<label class="field"><span>sub${i + 1}</span>
        <input value=${value} maxlength="255" onInput=${(e) => setSubs(subs.map((s, j) => (j === i ? e.currentTarget.value : s)))} /></label>`,
      )}
    </div>
    <div class="copyable"><code class="url" id="deep-link">${built}</code><${CopyButton} text=${built} /></div>
  </section>`;
}
