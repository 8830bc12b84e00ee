// A program's settings, as the API takes them (PATCH sends only what changed): landing page,
// allowed domains, attribution, commission, approval (auto, or after a hold), the too-fast rule,
// the first-party cookie, the postback rate limit, and the partner portal's two switches (the
// public application form, and whether partners see order amounts).
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { html } from "../ui/preact.js";
import { joinUrl } from "./application-values.js";
import { CommissionFields } from "./commission.js";
import { patchOf, valuesOf } from "./program-values.js";

const SHOWN = [
  "name",
  "landing_url",
  "allowed_domains",
  "attribution_window_days",
  "attribution_model",
  "revenue_share",
  "auto_approve",
  "hold_days",
  "min_seconds_to_convert",
  "first_party_cookie_domain",
  "postbacks_per_minute",
  "applications_open",
  "partners_see_amounts",
  "commission",
];

export function ProgramSettings({ program, onChanged }) {
  const form = useForm(valuesOf(program));
  async function save(values) {
    const patch = patchOf(program, values);
    if (Object.keys(patch).length)
      onChanged(await api(`/programs/${program.id}`, { method: "PATCH", body: patch }));
  }
  return html`<section>
    <h2>Settings</h2>
    <${Form} id="program-settings" form=${form} onSubmit=${save} submit="Save" label="Settings" shown=${SHOWN}>
      <${Field} form=${form} name="name" label="Name" maxlength="200" />
      <${Field} form=${form} name="landing_url" label="Landing page" type="url" />
      <${Field} form=${form} name="allowed_domains" label="Allowed domains" hint="Comma-separated; subdomains are allowed too" />
      <${CommissionFields} form=${form} />
      <fieldset><legend>Attribution</legend>
        <${Field} form=${form} name="attribution_window_days" label="Window (days)" inputmode="numeric" />
        <${Field} form=${form} name="attribution_model" label="Model" options=${[["last_click", "Last click"], ["first_click", "First click"]]} />
        <${Field} form=${form} name="revenue_share" type="checkbox" label="Revenue share" />
      </fieldset>
      <fieldset><legend>Approval</legend>
        <${Field} form=${form} name="auto_approve" type="checkbox" label="Approve conversions at once" />
        <${Field} form=${form} name="hold_days" label="Hold (days)" inputmode="numeric" hint="Pending conversions older than this are approved; empty: never" />
        <${Field} form=${form} name="min_seconds_to_convert" label="Too fast (seconds)" inputmode="numeric" hint="A conversion sooner than this after its click is refused, too_fast; empty: off" />
      </fieldset>
      <fieldset><legend>Tracking</legend>
        <${Field} form=${form} name="first_party_cookie_domain" label="First-party cookie domain" hint="Empty: no cookie" />
        <${Field} form=${form} name="postbacks_per_minute" label="Postbacks per minute (rate limit)" inputmode="numeric" />
      </fieldset>
      <fieldset><legend>Partner portal</legend>
        <${Field} form=${form} name="applications_open" type="checkbox" label="Open to applications"
          hint=${`Anyone may apply at ${joinUrl(location.origin, program.id)}; you approve or reject under Applications.`} />
        <${Field} form=${form} name="partners_see_amounts" type="checkbox" label="Partners see order amounts"
          hint="Their portal shows each conversion's order amount and customer ID; their commission they always see." />
      </fieldset>
    <//>
  </section>`;
}
