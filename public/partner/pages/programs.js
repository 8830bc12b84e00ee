// The partner's programs: each one's landing page, commission rules (its goals'), attribution
// window, how its conversions are approved, and the domains its links may send visitors to.
import { commissionText } from "../shared/ui/format.js";
import { html } from "../shared/ui/preact.js";
import { Table } from "../shared/ui/table.js";

const goalsText = (p) =>
  (p.goals ?? [])
    .map((g) => `${g.name}: ${commissionText(g.commission ?? p.commission)}`)
    .join(", ") || commissionText(p.commission);

export function ProgramsPage({ ctx }) {
  const columns = [
    ["Program", (p) => p.name],
    ["Landing page", (p) => html`<code class="url">${p.landing_url}</code>`],
    ["Commission", goalsText],
    [
      "Attribution window",
      (p) =>
        p.attribution_window_days
          ? `${p.attribution_window_days} days${p.attribution_model ? `, ${p.attribution_model.replace("_", " ")}` : ""}`
          : "—",
    ],
    ["Approval", (p) => (p.hold_days ? `after a ${p.hold_days}-day hold` : "by the advertiser")],
    ["Allowed domains", (p) => (p.allowed_domains ?? []).join(", ")],
  ];
  return html`<section id="programs-page">
    <h2>Programs</h2>
    <p>The programs you promote. Each commission is per goal (a sale, a sign-up…); a conversion counts when it comes within the attribution window after a click on your link.</p>
    <${Table} id="programs" columns=${columns} rows=${ctx.programs} empty="No program yet: the operator adds you to one." />
  </section>`;
}
