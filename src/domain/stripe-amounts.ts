import { currencyExponent, normaliseCurrency } from "./money";

/**
 * Stripe's amounts are integers in Stripe's own minor unit, which is not always ISO 4217's
 * (docs.stripe.com/currencies): this table is the difference, and the one place it is kept.
 */

/** Sent in whole units (Stripe's zero-decimal list): ¥500 is `500`. */
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

/**
 * Sent in thousandths, as ISO has them, but with the last digit 0 (Stripe's payment partners
 * take no finer amount): 5.120 KWD is `5120`.
 */
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

/**
 * Every other currency is sent in hundredths, also where ISO has fewer decimals: ISK (ISO: 0) is
 * sent ×100, always ending in 00. HUF and TWD are sent ×100 and have 2 decimals in ISO too (only
 * Stripe's payouts take whole units of them), so their amounts pass unchanged.
 */
export function stripeExponent(code: string): number {
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

export type StripeMoney =
  | { ok: true; minor: number; currency: string; rounded: boolean }
  | { ok: false; reason: string };

/**
 * A Stripe amount and currency (`amount_total`, `"jpy"`) in ISO 4217 minor units. Where Stripe's
 * unit is finer than ISO's (ISK), the amount is divided, half-up; `rounded` says it had to be
 * (a fractional ISK amount from before Stripe required whole krónur).
 */
export function fromStripeAmount(amount: unknown, currency: unknown): StripeMoney {
  const code = typeof currency === "string" ? normaliseCurrency(currency) : null;
  if (!code) return { ok: false, reason: "the currency is not an ISO 4217 code" };
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount < 0)
    return { ok: false, reason: "the amount is not a non-negative integer" };
  const shift = stripeExponent(code) - currencyExponent(code);
  if (shift === 0) return { ok: true, minor: amount, currency: code, rounded: false };
  if (shift < 0) {
    const minor = amount * 10 ** -shift;
    return Number.isSafeInteger(minor)
      ? { ok: true, minor, currency: code, rounded: false }
      : { ok: false, reason: "the amount is too large" };
  }
  const unit = 10 ** shift;
  const minor = Math.floor((amount + unit / 2) / unit);
  return { ok: true, minor, currency: code, rounded: amount % unit !== 0 };
}
