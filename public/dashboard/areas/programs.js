// Programs: the list, and "Create program" (name, landing page, allowed domains, commission, and
// the partner portal's two switches).
// The new program's conversion key is shown once, on its own page.
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { commissionText, when } from "../ui/format.js";
import { PagedTable } from "../ui/paged.js";
import { html } from "../ui/preact.js";
import { CommissionFields } from "./commission.js";
import { domainList, ruleOf, ruleValues } from "./program-values.js";

/** Keys just issued, by program: the program's page shows each once, then forgets it. */
export const freshKeys = new Map();

function ProgramCreate({ ctx }) {
  const form = useForm({
    name: "",
    landing_url: "",
    allowed_domains: "",
    applications_open: false,
    partners_see_amounts: false,
    ...ruleValues(null),
  });
  async function create(values) {
    const body = {
      name: values.name,
      landing_url: values.landing_url.trim(),
      allowed_domains: domainList(values.allowed_domains),
      commission: ruleOf(values),
      applications_open: values.applications_open,
      partners_see_amounts: values.partners_see_amounts,
    };
    // The landing page's own domain is allowed when none is named.
    if (!body.allowed_domains.length && URL.canParse(body.landing_url))
      body.allowed_domains = [new URL(body.landing_url).hostname];
    const program = await api("/programs", { method: "POST", body });
    freshKeys.set(program.id, { key: program.conversion_key, url: program.postback_url });
    await ctx.reload();
    ctx.update({ programId: program.id });
    location.hash = `#/programs/${program.id}`;
  }
  return html`<${Form} id="program-create" form=${form} onSubmit=${create} submit="Create program"
      shown=${["name", "landing_url", "allowed_domains", "commission", "applications_open", "partners_see_amounts"]}>
    <${Field} form=${form} name="name" label="Name" maxlength="200" />
    <${Field} form=${form} name="landing_url" label="Landing page" type="url" placeholder="https://shop.example.com/" />
    <${Field} form=${form} name="allowed_domains" label="Allowed domains" placeholder="shop.example.com"
      hint="Where links and deep links may send visitors (comma-separated); default: the landing page's" />
    <${CommissionFields} form=${form} />
    <${Field} form=${form} name="applications_open" type="checkbox" label="Open to applications"
      hint="Would-be partners may apply on its public form; you decide under Applications" />
    <${Field} form=${form} name="partners_see_amounts" type="checkbox" label="Partners see order amounts"
      hint="In their portal, with the customer ID; their commission they always see" />
  <//>`;
}

export function ProgramsArea({ ctx }) {
  const columns = [
    ["Name", (p) => html`<a href=${`#/programs/${p.id}`}>${p.name}</a>`],
    ["Landing page", (p) => html`<code class="url">${p.landing_url}</code>`],
    ["Commission", (p) => commissionText(p.commission)],
    ["Goals", (p) => p.goals.map((g) => g.name).join(", ")],
    ["Hold", (p) => (p.hold_days ? `${p.hold_days} days` : "manual")],
    ["Created", (p) => when(p.created_at)],
  ];
  return html`<section>
    <h2>Programs</h2>
    <${PagedTable} id="programs" path="/programs" version=${ctx.programs} columns=${columns}
      empty="No program yet: create the first one below." />
    <h2>Create program</h2>
    <${ProgramCreate} ctx=${ctx} />
  </section>`;
}
