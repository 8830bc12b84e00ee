/** The operator's payer settings (issue 28, migration 0020): one row, its IBAN sealed. */
export interface PayoutSettingsRow {
  debtor_name: string;
  debtor_bic: string;
  iban_masked: string;
  sealed: string;
  iv: string;
  note: string | null;
  updated_at: number;
}

export function getPayoutSettings(db: D1Database) {
  return db.prepare("SELECT * FROM payout_settings WHERE id = 1").first<PayoutSettingsRow>();
}

export async function putPayoutSettings(
  db: D1Database,
  row: PayoutSettingsRow,
  also: D1PreparedStatement[],
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO payout_settings (id, debtor_name, debtor_bic, iban_masked, sealed, iv, note,
           updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET debtor_name = excluded.debtor_name,
           debtor_bic = excluded.debtor_bic, iban_masked = excluded.iban_masked,
           sealed = excluded.sealed, iv = excluded.iv, note = excluded.note,
           updated_at = excluded.updated_at`,
      )
      .bind(
        row.debtor_name,
        row.debtor_bic,
        row.iban_masked,
        row.sealed,
        row.iv,
        row.note,
        row.updated_at,
      ),
    ...also,
  ]);
}
