import { currencyExponent, formatMinor, normaliseCurrency, parseAmount } from "./money";

/**
 * Shopify's amounts are decimal strings in the order's currency ("49.99"; refunds' adjustments
 * may be negative, "-5.00"), never floats: read here into ISO 4217 minor units without passing
 * through floating point. Shopify keeps each currency's own decimals, so an amount with more
 * is refused rather than rounded: it would mean a field was misread.
 */
export type ShopifyMoney =
  | { ok: true; minor: number; currency: string; exponent: number }
  | { ok: false; reason: string };

export function shopifyCurrency(value: unknown): string | null {
  return typeof value === "string" ? normaliseCurrency(value) : null;
}

/** A signed decimal string (or a JSON number, as some old bodies have) in minor units. */
export function shopifyMoney(value: unknown, currencyValue: unknown): ShopifyMoney {
  const currency = shopifyCurrency(currencyValue);
  if (!currency) return { ok: false, reason: "the order's currency is not an ISO 4217 code" };
  const raw = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  const trimmed = raw.trim();
  const negative = trimmed.startsWith("-");
  const exponent = currencyExponent(currency);
  const parsed = parseAmount(negative ? trimmed.slice(1) : trimmed, exponent);
  if (!parsed.ok) return { ok: false, reason: `amount ${JSON.stringify(raw)} ${parsed.reason}` };
  if (parsed.rounded)
    return { ok: false, reason: `amount ${raw} has more decimals than ${currency}` };
  return { ok: true, minor: negative ? -parsed.minor : parsed.minor, currency, exponent };
}

/** A non-negative amount as the postback's `amount` field has it. */
export const asPostbackAmount = (money: Extract<ShopifyMoney, { ok: true }>) =>
  formatMinor(money.minor, money.exponent);
