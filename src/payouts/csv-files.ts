import { csvRow } from "../domain/csv";
import { formatMinor } from "../domain/money";
import type { PayoutFile } from "./file-lines";
import { sepaSafe } from "./sepa-text";

/**
 * Currencies PayPal pays in whole units only (its currency codes table: "decimal amounts cause
 * an error"), though ISO 4217 gives HUF and TWD two decimals. JPY has none in either.
 */
const PAYPAL_WHOLE_UNITS = new Set(["HUF", "JPY", "TWD"]);
export const paypalTakesWholeUnits = (currency: string) => PAYPAL_WHOLE_UNITS.has(currency);

/**
 * PayPal Payouts' upload file (Payouts Web): no header row; per payment, in PayPal's documented
 * order, the recipient (the PayPal email), the amount (decimal, `.`), the currency, the customer
 * ID (PayPal's sender item ID: at most 30 characters without spaces, here the partner's ID), the
 * note to the recipient (at most 400 characters) and the recipient wallet (`PAYPAL`).
 */
export function paypalCsv(file: PayoutFile): string {
  const whole = paypalTakesWholeUnits(file.currency);
  return file.lines
    .map((line) => {
      if (line.details.method !== "paypal") throw new Error("a PayPal line needs a PayPal email");
      if (whole && line.amount % 10 ** file.exponent !== 0)
        throw new Error("PayPal takes whole amounts in this currency");
      return csvRow([
        line.details.email,
        whole ? String(line.amount / 10 ** file.exponent) : formatMinor(line.amount, file.exponent),
        file.currency,
        line.partnerId.slice(0, 30),
        file.note.slice(0, 400),
        "PAYPAL",
      ]);
    })
    .join("");
}

/** Wise's "send to bank accounts" batch template's columns, in its header row. */
export const WISE_COLUMNS = [
  "name",
  "recipientEmail",
  "paymentReference",
  "receiverType",
  "amountCurrency",
  "amount",
  "sourceCurrency",
  "targetCurrency",
  "IBAN",
] as const;

/**
 * Wise's batch payment file: the header row, then one row per IBAN recipient. The amount is a
 * fixed target amount (`amountCurrency` = the payout's currency), so the partner receives exactly
 * what it is owed and Wise's fee is the payer's. The reference is the payout's ID, cut to what
 * Wise accepts for every currency (a bank reference at most 35 characters of the SEPA set).
 */
export function wiseCsv(file: PayoutFile): string {
  const rows = file.lines.map((line) => {
    if (line.details.method !== "iban") throw new Error("a Wise line needs an IBAN");
    return csvRow([
      line.details.account_holder,
      "",
      sepaSafe(file.payoutId, 35),
      "PRIVATE",
      file.currency,
      formatMinor(line.amount, file.exponent),
      file.currency,
      file.currency,
      line.details.iban,
    ]);
  });
  return csvRow([...WISE_COLUMNS]) + rows.join("");
}
