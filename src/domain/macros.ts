/**
 * Partner postback URLs (GET endpoints): a URL with macros such as `{aecid}` or `{commission}`,
 * filled from the conversion and its click when an event is delivered. Values are
 * percent-encoded; money is decimal text in the currency's ISO 4217 minor unit (`12.35`).
 */
export const MACROS = [
  "aecid",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "conversion_id",
  "goal",
  "status",
  "event",
  "amount",
  "commission",
  "currency",
  "commission_currency",
  "program_id",
  "partner_id",
  "link_id",
  "timestamp",
] as const;

export type Macro = (typeof MACROS)[number];
export type MacroValues = Record<Macro, string | null>;

const MACRO = /\{([^{}]*)\}/g;

/** Every `{name}` of the template that is not a known macro. */
export function unknownMacros(template: string): string[] {
  const known = new Set<string>(MACROS);
  return [...template.matchAll(MACRO)]
    .map((m) => m[1] as string)
    .filter((name) => !known.has(name));
}

/**
 * Whether a macro stands in the scheme, host or port: a partner's sub-ID must never choose where
 * the request goes.
 */
export function macroInAuthority(template: string): boolean {
  const afterScheme = template.indexOf("://");
  const start = afterScheme === -1 ? 0 : afterScheme + 3;
  const end = template.slice(start).search(/[/?#]/);
  const authority = template.slice(0, end === -1 ? template.length : start + end);
  return authority.includes("{");
}

/** The template with each macro replaced by its percent-encoded value (empty when null). */
export function fillTemplate(template: string, values: MacroValues): string {
  return template.replace(MACRO, (whole, name: string) =>
    name in values ? encodeURIComponent(values[name as Macro] ?? "") : whole,
  );
}
