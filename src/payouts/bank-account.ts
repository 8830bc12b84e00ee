import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from "ibantools";

/**
 * IBAN and BIC checks (ibantools). Loaded with import() by the routes that store an account, so
 * no other request evaluates ibantools (scripts/bundle-size.ts --check guards it).
 */
export interface BankAccount {
  /** Electronic format: upper case, no spaces. */
  iban: string;
  bic: string;
}

/**
 * SEPA's rule (and sepa.js's, at export): a BIC's country is the IBAN's, or one of the
 * territories banked under that country's IBAN.
 */
const TERRITORIES: Record<string, string[]> = {
  FI: ["AX"],
  FR: ["GF", "GP", "MQ", "RE", "PF", "TF", "YT", "NC", "BL", "MF", "PM", "WF"],
  GB: ["IM", "JE", "GG"],
};

/** The account in electronic format, or each failing field with its reason. */
export function checkBankAccount(
  input: { iban: string; bic: string },
  names: { iban: string; bic: string },
): { ok: true; account: BankAccount } | { ok: false; fields: Record<string, string> } {
  const iban = electronicFormatIBAN(input.iban) ?? "";
  const bic = input.bic.replace(/\s+/g, "").toUpperCase();
  const fields: Record<string, string> = {};
  if (!isValidIBAN(iban)) fields[names.iban] = "is not a valid IBAN (its checksum or length)";
  else if (!isSEPACountry(iban.slice(0, 2)))
    fields[names.iban] = "must be an account in a SEPA country";
  if (!isValidBIC(bic)) fields[names.bic] = "is not a valid BIC (8 or 11 letters and digits)";
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const country = iban.slice(0, 2);
  const bicCountry = bic.slice(4, 6);
  if (bicCountry !== country && !TERRITORIES[country]?.includes(bicCountry))
    return {
      ok: false,
      fields: { [names.bic]: `must be a bank in the IBAN's country (${country})` },
    };
  return { ok: true, account: { iban, bic } };
}
