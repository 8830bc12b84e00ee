// Number, money and time formatting, pure (no DOM): shared by the dashboard and, later, the
// partner portal. Data reaches the page only as text (htm escapes it), never as HTML.

// Minor units per currency come from the API (ISO 4217, GET /api/currencies), never from the
// browser's Intl data, which disagrees with ISO for HUF, IDR, COP and others.
const exponents = new Map();

export function useExponents(currencies) {
  for (const { code, minor_units } of currencies) exponents.set(code, minor_units);
}

/** Minor units as exact decimal text: 12345 with 2 decimals is "123.45". */
export function decimalText(minor, exponent) {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const text = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return negative ? `-${text}` : text;
}

/** Minor units (as the API answers) to a formatted amount, with the currency's ISO decimals. */
export function money(minor, currency) {
  const exponent = exponents.get(currency) ?? 2;
  const digits = { minimumFractionDigits: exponent, maximumFractionDigits: exponent };
  // A decimal string is formatted exactly, without passing through a float.
  return new Intl.NumberFormat(undefined, { style: "currency", currency, ...digits }).format(
    decimalText(Math.round(minor), exponent),
  );
}

/** A {currency: minor units} map as text: "€12.00 + $3.00". */
export function moneyMap(map) {
  const entries = Object.entries(map ?? {});
  return entries.length
    ? entries.map(([currency, minor]) => money(minor, currency)).join(" + ")
    : "—";
}

/**
 * Decimal text an operator typed ("2", "2.5", "1 500,50" is refused) to exact minor units, with
 * the currency's ISO 4217 decimals; null when it is not an amount with at most that many decimals.
 */
export function toMinor(text, currency) {
  const exponent = exponents.get(currency) ?? 2;
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(text).trim());
  if (!match || (match[2] ?? "").length > exponent) return null;
  const digits = `${match[1]}${(match[2] ?? "").padEnd(exponent, "0")}`;
  const minor = Number(digits);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units back to the decimal text a form shows ("2.00"). */
export const fromMinor = (minor, currency) => decimalText(minor, exponents.get(currency) ?? 2);

/** A commission rule as text: "10 %" or "€2.00". */
export const commissionText = (rule) =>
  rule?.type === "fixed" ? money(rule.value, rule.currency) : `${rule?.value ?? 0} %`;

export const count = (n) => new Intl.NumberFormat().format(n);
export const percent = (rate) => `${(rate * 100).toFixed(2)} %`;
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
export const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
