/**
 * What the portal and the dashboard show of payout details (never the clear value): an email's
 * first character and its domain, an IBAN's country, check digits and last four characters.
 */
const DOT = "•••";

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return DOT;
  return `${email.slice(0, 1)}${DOT}${email.slice(at)}`;
}

/** `FR7630006000011234567890189` → `FR76 •••• •••• 0189` (electronic format in). */
export function maskIban(iban: string): string {
  if (iban.length < 8) return `${iban.slice(0, 2)} ••••`;
  return `${iban.slice(0, 4)} •••• •••• ${iban.slice(-4)}`;
}
