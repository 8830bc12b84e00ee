// A program's forms and the API's bodies, both ways, pure (no DOM, no library): the rule of a
// commission, the allowed domains as typed, and the settings form's PATCH of what changed.
import { fromMinor, toMinor } from "../ui/format.js";

/** Allowed domains as typed: separated by commas or spaces. */
export const domainList = (text) => text.split(/[\s,]+/).filter(Boolean);

/** The form values of a rule (prefix "commission_"), for a form's initial state. */
export const ruleValues = (rule) => ({
  commission_type: rule?.type ?? "percent",
  commission_value:
    rule?.type === "fixed" ? fromMinor(rule.value, rule.currency) : String(rule?.value ?? 10),
  commission_currency: rule?.currency ?? "EUR",
});

/**
 * The API's rule from the form's values. Text that is no amount goes as it is, so that the API's
 * own message ("must be a number") lands next to the field.
 */
export function ruleOf(values) {
  const text = values.commission_value.trim();
  if (values.commission_type === "fixed") {
    const currency = values.commission_currency.trim().toUpperCase();
    return { type: "fixed", value: toMinor(text, currency) ?? text, currency };
  }
  return {
    type: "percent",
    value: text === "" || Number.isNaN(Number(text)) ? text : Number(text),
  };
}

const text = (value) => (value === null || value === undefined ? "" : String(value));

/** A program as the settings form's values (text for every input). */
export const valuesOf = (p) => ({
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
  applications_open: p.applications_open ?? false,
  partners_see_amounts: p.partners_see_amounts ?? false,
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
    applications_open: values.applications_open,
    partners_see_amounts: values.partners_see_amounts,
    commission: ruleOf(values),
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => !same(value, program[key])),
  );
}
