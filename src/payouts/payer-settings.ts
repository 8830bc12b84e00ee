import { invalidFields } from "../errors";
import { open, seal, sourceKeyProblem } from "../platform/secret-box";
import { type AuditContext, audited } from "../routes/admin/audit-trail";
import {
  getPayoutSettings,
  type PayoutSettingsRow,
  putPayoutSettings,
} from "../storage/payout-settings";
import { maskIban } from "./masking";
import { sepaName } from "./sepa-text";

/**
 * The operator's payer settings (issue 28): the debtor of a SEPA file (name, IBAN, BIC) and the
 * default note written on every file. The IBAN is sealed like partners' details.
 */
export interface PayerSettings {
  debtor_name: string;
  debtor_iban: string;
  debtor_bic: string;
  note: string | null;
}

const CONTEXT = "payout-settings";
/** A SEPA remittance line is 140 characters; the payout's reference takes the rest. */
export const NOTE_MAX = 100;

/** The settings as the API answers them; every field null while none are set. */
export function payerSettingsJson(row: PayoutSettingsRow | null) {
  if (!row)
    return { debtor_name: null, debtor_iban: null, debtor_bic: null, note: null, updated_at: null };
  return {
    debtor_name: row.debtor_name,
    debtor_iban: row.iban_masked,
    debtor_bic: row.debtor_bic,
    note: row.note,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export const readPayerSettings = (db: D1Database) => getPayoutSettings(db);

/** Checks (IBAN, BIC, the SEPA character set), seals and stores the settings, audited. */
export async function storePayerSettings(
  c: AuditContext,
  input: PayerSettings,
  now: number,
): Promise<PayoutSettingsRow> {
  const { checkBankAccount } = await import("./bank-account");
  const account = checkBankAccount(
    { iban: input.debtor_iban, bic: input.debtor_bic },
    { iban: "debtor_iban", bic: "debtor_bic" },
  );
  const name = sepaName(input.debtor_name, 70);
  const note = input.note ? sepaName(input.note, NOTE_MAX) : null;
  const fields: Record<string, string> = account.ok ? {} : { ...account.fields };
  if (!name.ok) fields.debtor_name = name.reason;
  if (note && !note.ok) fields.note = note.reason;
  const problem = sourceKeyProblem(c.env);
  if (problem) fields.debtor_iban ??= `cannot be stored: ${problem}`;
  if (!account.ok || !name.ok || (note && !note.ok) || problem) throw invalidFields(fields);
  const sealed = await seal(c.env, account.account.iban, CONTEXT);
  const row: PayoutSettingsRow = {
    debtor_name: name.value,
    debtor_bic: account.account.bic,
    iban_masked: maskIban(account.account.iban),
    sealed: sealed.ciphertext,
    iv: sealed.iv,
    note: note?.ok ? note.value : null,
    updated_at: now,
  };
  const shown = { debtor_name: row.debtor_name, debtor_iban: row.iban_masked, note: row.note };
  await putPayoutSettings(
    c.env.DB,
    row,
    audited(c, "update", "payout_settings", "1", { ...shown, debtor_bic: row.debtor_bic }),
  );
  return row;
}

/** The settings with the clear IBAN, for a SEPA file; null when unset or not openable. */
export async function openPayerSettings(env: Env): Promise<PayerSettings | null> {
  const row = await getPayoutSettings(env.DB);
  if (!row) return null;
  try {
    const iban = await open(env, { ciphertext: row.sealed, iv: row.iv }, CONTEXT);
    return {
      debtor_name: row.debtor_name,
      debtor_iban: iban,
      debtor_bic: row.debtor_bic,
      note: row.note,
    };
  } catch {
    return null;
  }
}
