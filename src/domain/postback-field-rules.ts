import { normaliseCurrency } from "./money";
import { charLength } from "./text";

/**
 * The rule of each postback field but the amount (SPEC "Postback", its field table), as plain
 * functions: zod was 795 KB of the 986 KB a fresh isolate evaluated before its first postback.
 * Each reason is the one the zod schema gave (test/support/postback-fields-zod.ts keeps it, and a
 * property test compares the two on thousands of inputs).
 */
export type Judged<T> = { value: T } | { reason: string };

export const MAX_TEXT = 255;
export const MAX_VOUCHERS = 20;
export const MAX_VOUCHER_LENGTH = 64;
export const MAX_CIDS = 20;
const MAX_GOAL = 32;

const REQUIRED = "is required";
const WRONG_TYPE = "has the wrong type";
const tooLong = (max: number) => `must be at most ${max} characters`;

/**
 * A JSON body may carry numbers (amount: 12.5) or lists (cids: [...]); query strings and forms
 * carry strings. Everything is read as text, the way the Affilae-style GET sends it. A number is
 * read as text only when finite (JSON has no other).
 */
const isText = (value: unknown): value is string | number =>
  typeof value === "string" || (typeof value === "number" && Number.isFinite(value));

/** A text field that may be absent (undefined) or empty (null). */
function optionalText(value: unknown, max?: number): Judged<string | undefined> {
  if (value === undefined) return { value: undefined };
  if (!isText(value)) return { reason: WRONG_TYPE };
  const text = String(value);
  return max !== undefined && charLength(text) > max ? { reason: tooLong(max) } : { value: text };
}

const emptyToNull = (value: string | undefined) =>
  value === undefined || value === "" ? null : value;

/** A list sent as one text (split on `separator`) or as a JSON list of texts; trimmed, no blanks. */
function list(value: unknown, separator: string): Judged<string[]> {
  let items: string[];
  if (value === undefined) items = [];
  else if (isText(value)) items = String(value).split(separator);
  else if (Array.isArray(value) && value.every(isText)) items = value.map(String);
  else return { reason: WRONG_TYPE };
  return { value: items.map((item) => item.trim()).filter((item) => item !== "") };
}

/** A field whose value is one of `words` (after `normalise`), or empty. */
function oneOf<T extends string>(
  value: unknown,
  words: readonly T[],
  reason: string,
  normalise: (text: string) => string,
): Judged<T | null> {
  const text = optionalText(value);
  if ("reason" in text) return text;
  const word = emptyToNull(text.value === undefined ? undefined : normalise(text.value));
  return word === null || (words as readonly string[]).includes(word)
    ? { value: word as T | null }
    : { reason };
}

export function orderIdRule(value: unknown): Judged<string> {
  if (value === undefined) return { reason: REQUIRED };
  // A JSON number past 2^53 has already lost digits: two orders could collide.
  if (typeof value === "number" && Number.isFinite(value) && !Number.isSafeInteger(value))
    return { reason: "must be a string (or a whole number below 2^53)" };
  if (!isText(value)) return { reason: WRONG_TYPE };
  const id = String(value);
  if (id.length === 0) return { reason: REQUIRED };
  return charLength(id) > MAX_TEXT ? { reason: tooLong(MAX_TEXT) } : { value: id };
}

/** Only the amount's type here: its form and decimals depend on the currency (postback-fields.ts). */
export function amountTypeRule(value: unknown): Judged<string> {
  const text = optionalText(value);
  return "reason" in text ? text : { value: text.value?.trim() ?? "" };
}

export function currencyRule(value: unknown): Judged<string> {
  if (value === undefined) return { reason: REQUIRED };
  if (!isText(value)) return { reason: WRONG_TYPE };
  const code = normaliseCurrency(String(value));
  return code ? { value: code } : { reason: "is not an ISO 4217 currency code" };
}

export const paymentRule = (value: unknown) =>
  oneOf(value, ["online", "bankwire", "other"], "must be online, bankwire, other or empty", (v) =>
    v.toLowerCase(),
  );

/** `customer` and `cv`: free text, at most 255 characters; empty is none. */
export function limitedTextRule(value: unknown): Judged<string | null> {
  const text = optionalText(value, MAX_TEXT);
  return "reason" in text ? text : { value: emptyToNull(text.value) };
}

export function voucherRule(value: unknown): Judged<string[]> {
  const codes = list(value, ";");
  if ("reason" in codes) return codes;
  if (codes.value.length > MAX_VOUCHERS)
    return { reason: `must hold at most ${MAX_VOUCHERS} codes` };
  return codes.value.every((code) => charLength(code) <= MAX_VOUCHER_LENGTH)
    ? codes
    : { reason: `codes must be at most ${MAX_VOUCHER_LENGTH} characters` };
}

export function goalRule(value: unknown): Judged<string | null> {
  const text = optionalText(value);
  if ("reason" in text) return text;
  const goal = emptyToNull(text.value?.trim());
  return goal === null || charLength(goal) <= MAX_GOAL
    ? { value: goal }
    : { reason: tooLong(MAX_GOAL) };
}

export const statusRule = (value: unknown) =>
  oneOf(
    value,
    ["approved", "refused", "pending"],
    "must be approved, refused, pending or empty",
    (v) => v.trim().toLowerCase(),
  );

/** `test`: 1, true, 0, false or empty (a JSON boolean too); whether it is on is isTestPostback's. */
export function testFlagRule(value: unknown): Judged<string> {
  if (value !== undefined && !isText(value) && typeof value !== "boolean")
    return { reason: WRONG_TYPE };
  const flag = String(value ?? "")
    .trim()
    .toLowerCase();
  return ["", "0", "1", "true", "false"].includes(flag)
    ? { value: flag }
    : { reason: "must be 1, true, 0 or false" };
}

export function cidsRule(value: unknown): Judged<string[]> {
  const ids = list(value, "-");
  if ("reason" in ids) return ids;
  return ids.value.length > MAX_CIDS ? { reason: `must hold at most ${MAX_CIDS} click IDs` } : ids;
}
