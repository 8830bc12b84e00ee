-- Issue 28: partners' payout details and the operator's payer settings, for the export files.
-- Expand only: two new tables the previous release neither reads nor writes.
--
-- A partner's details are sealed (AES-GCM, SOURCE_SECRETS_KEY, bound to the partner's ID as
-- additional data): `sealed` and `iv` are base64; the clear email or IBAN is never stored.
-- `masked` is the JSON the portal and the dashboard show (`{"email":"j•••@example.com"}` or
-- `{"iban":"FR76 •••• •••• 0189","bic":…,"account_holder":…}`).
CREATE TABLE payout_details (
  partner_id TEXT PRIMARY KEY,
  method     TEXT NOT NULL,  -- paypal or iban
  masked     TEXT NOT NULL,
  sealed     TEXT NOT NULL,
  iv         TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The operator's own account, the debtor of a SEPA file: one row. The IBAN is sealed as above
-- (bound to "payout-settings"); the name, the BIC and the default note are shown whole.
CREATE TABLE payout_settings (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  debtor_name TEXT NOT NULL,
  debtor_bic  TEXT NOT NULL,
  iban_masked TEXT NOT NULL,
  sealed      TEXT NOT NULL,
  iv          TEXT NOT NULL,
  note        TEXT,
  updated_at  INTEGER NOT NULL
);
