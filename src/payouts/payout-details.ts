import { invalidFields } from "../errors";
import { open, type Sealed, seal, sourceKeyProblem } from "../platform/secret-box";
import { type AuditContext, auditEntryOf } from "../routes/admin/audit-trail";
import { auditStatement } from "../storage/audit-log";
import {
  deletePayoutDetails,
  getPayoutDetails,
  type PayoutDetailsRow,
  payoutDetailsOf,
  putPayoutDetails,
} from "../storage/payout-details";
import { maskEmail, maskIban } from "./masking";
import { sepaName } from "./sepa-text";

/**
 * A partner's payout details (issue 28): a PayPal email, or a SEPA account (IBAN, BIC, holder).
 * Stored sealed with AES-GCM, bound to the partner's ID, so a ciphertext copied onto another
 * partner's row does not open; only `masked` is ever shown.
 */
export type PayoutDetails =
  | { method: "paypal"; email: string }
  | { method: "iban"; iban: string; bic: string; account_holder: string };

const contextOf = (partnerId: string) => `payout-details:${partnerId}`;

/** The input checked and normalised (IBAN electronic, holder transliterated), else a 400. */
export async function checkedDetails(input: PayoutDetails): Promise<PayoutDetails> {
  if (input.method === "paypal") return { method: "paypal", email: input.email.trim() };
  const { checkBankAccount } = await import("./bank-account");
  const account = checkBankAccount(input, { iban: "iban", bic: "bic" });
  const holder = sepaName(input.account_holder, 70);
  const fields = account.ok ? {} : account.fields;
  if (!holder.ok) Object.assign(fields, { account_holder: holder.reason });
  if (!account.ok || !holder.ok) throw invalidFields(fields);
  return { method: "iban", ...account.account, account_holder: holder.value };
}

export function maskedOf(details: PayoutDetails) {
  return details.method === "paypal"
    ? { email: maskEmail(details.email) }
    : { iban: maskIban(details.iban), bic: details.bic, account_holder: details.account_holder };
}

/** The API's answer for a row (or none). */
export function payoutDetailsJson(row: PayoutDetailsRow | null) {
  if (!row) return { method: null };
  return {
    method: row.method,
    masked: JSON.parse(row.masked) as Record<string, string>,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export const readPayoutDetails = (db: D1Database, partnerId: string) =>
  getPayoutDetails(db, partnerId);

const audit = (env: Env, partnerId: string, action: string, fields?: Record<string, unknown>) => {
  const by: AuditContext = { env, var: { operator: `partner:${partnerId}` } };
  return [auditStatement(env.DB, auditEntryOf(by, action, "payout_details", partnerId, fields))];
};

/** Seals and stores the partner's (checked) details, audited with the masked value only. */
export async function storePayoutDetails(
  env: Env,
  partnerId: string,
  details: PayoutDetails,
  now: number,
): Promise<PayoutDetailsRow> {
  const problem = sourceKeyProblem(env);
  if (problem) throw invalidFields({ method: `cannot be stored: ${problem}` });
  const sealed = await seal(env, JSON.stringify(details), contextOf(partnerId));
  const masked = maskedOf(details);
  const row: PayoutDetailsRow = {
    partner_id: partnerId,
    method: details.method,
    masked: JSON.stringify(masked),
    sealed: sealed.ciphertext,
    iv: sealed.iv,
    updated_at: now,
  };
  await putPayoutDetails(
    env.DB,
    row,
    audit(env, partnerId, "update", { method: row.method, masked }),
  );
  return row;
}

export async function removePayoutDetails(env: Env, partnerId: string): Promise<void> {
  await deletePayoutDetails(env.DB, partnerId, audit(env, partnerId, "delete"));
}

/**
 * The clear details of these partners, for an export: a partner with no row, or whose row does
 * not open (another partner's ciphertext, another key), is absent from the map.
 */
export async function openPayoutDetails(
  env: Env,
  partnerIds: string[],
): Promise<Map<string, PayoutDetails>> {
  const opened = new Map<string, PayoutDetails>();
  for (const row of await payoutDetailsOf(env.DB, partnerIds)) {
    const sealed: Sealed = { ciphertext: row.sealed, iv: row.iv };
    try {
      const details = JSON.parse(await open(env, sealed, contextOf(row.partner_id)));
      if (details?.method === row.method) opened.set(row.partner_id, details as PayoutDetails);
    } catch {
      // Does not open here: the partner has no usable details, reported as missing.
    }
  }
  return opened;
}
