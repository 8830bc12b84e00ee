import type { PayoutDetails } from "./payout-details";
import { sepaSafe } from "./sepa-text";

/** What every export file is made of: one line per partner with a positive total. */
export interface FileLine {
  partnerId: string;
  /** Minor units, above 0. */
  amount: number;
  details: PayoutDetails;
}

export interface PayoutFile {
  payoutId: string;
  currency: string;
  /** The currency's ISO 4217 exponent. */
  exponent: number;
  /** The text on each payment: the payer settings' note, else "Payout <id>". */
  note: string;
  lines: FileLine[];
  now: number;
}

export type FileFormat = "paypal" | "wise" | "sepa";

/**
 * Which details a format can pay: PayPal pays an email; Wise and SEPA pay an IBAN whose holder's
 * name has something left in the SEPA character set (a bank needs a name to match).
 */
export function usableFor(format: FileFormat, details: PayoutDetails | undefined): boolean {
  if (!details) return false;
  if (format === "paypal") return details.method === "paypal";
  return details.method === "iban" && sepaSafe(details.account_holder, 70) !== "";
}

export const defaultNote = (payoutId: string) => `Payout ${payoutId}`;
