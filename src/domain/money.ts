/**
 * Money is integers in the currency's minor unit, from the decimal string to the answer: amounts
 * never pass through floating point. Codes and exponents (JPY 0, EUR 2, HUF 2, KWD 3) come from
 * one ISO 4217 table generated from a maintained package (plus the dated amendments it lacks), never from the runtime's Intl data,
 * which disagrees with ISO for HUF, IDR, COP and others and changes with the runtime.
 */
import { CURRENCY_MINOR_UNITS } from "./iso-4217-amendments";

/** The upper-case ISO 4217 code when it is an active one, else null. */
export function normaliseCurrency(input: string): string | null {
  const code = input.trim().toUpperCase();
  return Object.hasOwn(CURRENCY_MINOR_UNITS, code) ? code : null;
}

/** How many decimals the currency's minor unit has (ISO 4217). */
export function currencyExponent(code: string): number {
  const exponent = CURRENCY_MINOR_UNITS[code];
  if (exponent === undefined) throw new Error(`${code} is not an ISO 4217 code`);
  return exponent;
}

/** Amounts above this would lose integer precision in JSON numbers. */
export const MAX_MINOR_UNITS = Number.MAX_SAFE_INTEGER;

export type AmountResult =
  | { ok: true; minor: number; rounded: boolean }
  | { ok: false; reason: string };

const AMOUNT_FORM = /^(\d+)(?:\.(\d+))?$/;
const AMOUNT_FORM_REASON = "must be a non-negative decimal number with '.' as separator";

/** Why the text is not an amount at all, whatever its currency; null when its form is right. */
export function amountFormProblem(raw: string): string | null {
  return AMOUNT_FORM.test(raw) ? null : AMOUNT_FORM_REASON;
}

/**
 * Parses `123.45` (`.` as separator, no sign, no exponent) into minor units. More decimals than
 * the currency has are rounded half-up (SPEC): a net amount computed by dividing by a tax rate
 * must not cost a sale.
 */
export function parseAmount(raw: string, exponent: number): AmountResult {
  const match = AMOUNT_FORM.exec(raw);
  if (!match) return { ok: false, reason: AMOUNT_FORM_REASON };
  const whole = match[1] as string;
  const decimals = (match[2] ?? "").replace(/0+$/, "");
  const kept = decimals.slice(0, exponent).padEnd(exponent, "0");
  const roundsUp = decimals.length > exponent && (decimals[exponent] as string) >= "5";
  const minor =
    BigInt(whole) * 10n ** BigInt(exponent) + BigInt(kept || "0") + (roundsUp ? 1n : 0n);
  if (minor > BigInt(MAX_MINOR_UNITS)) return { ok: false, reason: "is too large" };
  return { ok: true, minor: Number(minor), rounded: decimals.length > exponent };
}

/** Minor units back to a decimal string (`12345`, 2 → `123.45`), e.g. for macros and messages. */
export function formatMinor(minor: number, exponent: number): string {
  // The sign goes in front of the whole number: padding "-5" would give "0.-5".
  if (minor < 0) return `-${formatMinor(-minor, exponent)}`;
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, "0");
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Percentages are kept as integers in 1/10,000 of a percent, so 12.5 % is 125,000. */
export const PERCENT_SCALE = 10_000;

export type CommissionRule =
  | { type: "percent"; value: number }
  | { type: "fixed"; value: number; currency: string };

export interface Commission {
  minor: number;
  currency: string;
}

/**
 * A percentage is of the postback's amount, in its currency, rounded half-up to the minor unit.
 * A fixed commission is paid in the rule's own currency whatever the sale's currency: there is no
 * currency conversion, so the answer says which currency the commission is in.
 */
export function commissionFor(
  rule: CommissionRule,
  amountMinor: number,
  currency: string,
): Commission {
  if (rule.type === "fixed") return { minor: rule.value, currency: rule.currency };
  const scaled = BigInt(Math.round(rule.value * PERCENT_SCALE));
  const divisor = 100n * BigInt(PERCENT_SCALE);
  const minor = (BigInt(amountMinor) * scaled * 2n + divisor) / (2n * divisor);
  return { minor: Number(minor), currency };
}
