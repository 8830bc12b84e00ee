// A program's settings, as the API takes them (PATCH sends only what changed): landing page,
// allowed domains, attribution, commission, approval (auto, or after a hold), the too-fast rule,
// the first-party cookie and the postback rate limit.
import { api } from "../ui/api.js";
import { Field, Form, useForm } from "../ui/form.js";
import { html } from "../ui/preact.js";
import { CommissionFields, ruleOf, ruleValues } from "./commission.js";
import { domainList } from "./programs.js";

const text = (value) => (value === null || value === undefined ? "" : String(value));

const valuesOf = (p) => ({
  name: p.name,
  landing_url: p.landing_url,
  allowed_domains: p.allowed_domains.join(", "),
  attribution_window_days: text(p.attribution_window_days),
  attribution_model: p.attribution_model,
  revenue_share: p.revenue_share,
  auto_approve: p.auto_approve,
  hold_days: text(p.hold_days),
  min_seconds_to_convert: text(p.min_seconds_to_convert),
  first_party_cookie_domain: text(p.first_party_cookie_domain),
  postbacks_per_minute: text(p.postbacks_per_minute),
  ...ruleValues(p.commission),
});

/** A whole number typed as text; anything else goes as typed, for the API's own message. */
const whole = (value) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value);
const orNull = (value, read) => (value.trim() === "" ? null : read(value));

/** The API's patch: every field in its own type, then only those that differ from `program`. */
export function patchOf(program, values) {
  const wanted = {
    name: values.name,
    landing_url: values.landing_url.trim(),
    allowed_domains: domainList(values.allowed_domains),
    attribution_window_days: whole(values.attribution_window_days),
    attribution_model: values.attribution_model,
    revenue_share: values.revenue_share,
    auto_approve: values.auto_approve,
    hold_days: orNull(values.hold_days, whole),
    min_seconds_to_convert: orNull(values.min_seconds_to_convert, whole),
    first_party_cookie_domain: orNull(values.first_party_cookie_domain, (v) => v.trim()),
    postbacks_per_minute: whole(values.postbacks_per_minute),
    commission: ruleOf(values),
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => !same(value, program[key])),
  );
}

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
    <${Form} id="program-settings" form=${form} onSubmit=${save} submit="Save" shown=${SHOWN}>
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
    <//>
  </section>`;
}
