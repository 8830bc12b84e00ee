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

/** Stands in for every macro while the template is parsed: a word no real host contains. */
const SENTINEL = "zq0macro0qz";

/**
 * Whether a macro stands in the scheme, credentials, host or port: a partner's sub-ID must never
 * choose where the request goes. Decided by the WHATWG URL parser (the one `fetch` uses), not by
 * reading the text: `https:/{sub1}.{sub2}/`, `https:/\{sub1}/` and `https:/<TAB>/{sub1}/` all
 * have their host made of macros. A word parses anywhere in a path, query or fragment, so a
 * template that does not parse with one in each macro has a macro where only some values can
 * stand (a port, an IPv6 literal): refused too.
 */
export function macroInAuthority(template: string): boolean {
  if (template.search(MACRO) === -1) return false;
  const parsed = parsedOrNull(template.replace(MACRO, SENTINEL));
  if (!parsed) return true;
  const { protocol, username, password, host } = parsed;
  return [protocol, username, password, host].some((part) => part.includes(SENTINEL));
}

function parsedOrNull(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** The template with each macro replaced by its percent-encoded value (empty when null). */
export function fillTemplate(template: string, values: MacroValues): string {
  return template.replace(MACRO, (whole, name: string) =>
    name in values ? encodeURIComponent(values[name as Macro] ?? "") : whole,
  );
}
