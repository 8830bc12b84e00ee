-- Issue 28: the commission ledger and payout batches. Expand only: a column with a default, new
-- tables and triggers; the previous release neither reads nor writes any of them, and what it
-- writes to `conversions` during the deploy window is ledgered by the triggers below.
--
-- `ledgered` is what the ledger holds for a conversion so far (minor units of its commission
-- currency): what it owes is its commission when approved, else 0. This release sets
-- `ledgered` to what it owes in the conversion's own INSERT or UPDATE. A registration that owes
-- at once writes its entry in its own transaction (storage/conversion-writes.ts); a change of
-- what it owes is written by the trigger `ledger_on_update`, within the UPDATE. No trigger fires
-- on a conversion's INSERT: D1's `meta.changes` counts a trigger's rows, and registration (this
-- release's and the previous one's) reads it to know whether its insert won.
ALTER TABLE conversions ADD COLUMN ledgered INTEGER NOT NULL DEFAULT 0;

-- One b-tree, no secondary index: a conversion's entry costs one row written. Clustered by
-- partner, so a partner's ledger and balances are range scans; the ID is time-prefixed (as every
-- ID) and unique on its own.
CREATE TABLE ledger_entries (
  partner_id    TEXT NOT NULL,
  id            TEXT NOT NULL,
  currency      TEXT NOT NULL,
  program_id    TEXT NOT NULL,
  conversion_id TEXT NOT NULL,
  amount        INTEGER NOT NULL,  -- signed: a commission, or a clawback (negative)
  payable_at    INTEGER NOT NULL,  -- Unix ms: a commission once its program's hold is over
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (partner_id, id)
) WITHOUT ROWID;

CREATE TABLE payouts (
  id           TEXT PRIMARY KEY,
  currency     TEXT NOT NULL,
  minimum      INTEGER NOT NULL,
  status       TEXT NOT NULL DEFAULT 'draft',  -- draft, exported, paid, cancelled
  total        INTEGER NOT NULL DEFAULT 0,
  entries      INTEGER NOT NULL DEFAULT 0,
  partners     TEXT NOT NULL DEFAULT '[]',     -- JSON [{partner_id, total, entries}], kept when cancelled
  reference    TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  paid_at      INTEGER,
  cancelled_at INTEGER
);

-- An entry is in at most one payout: the primary key says so. Cancelling a payout deletes its
-- items, which releases their entries.
CREATE TABLE payout_items (
  entry_id   TEXT PRIMARY KEY,
  payout_id  TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  amount     INTEGER NOT NULL
);
CREATE INDEX payout_items_by_payout ON payout_items (payout_id, partner_id);

-- The entry of a change of what a conversion owes: a commission (payable when the hold is over,
-- and not before now) or a clawback (negative, payable at once: taken from the next payout).
CREATE TRIGGER ledger_on_update AFTER UPDATE OF ledgered ON conversions
  WHEN NEW.ledgered <> OLD.ledgered
BEGIN
  INSERT INTO ledger_entries (partner_id, id, currency, program_id, conversion_id, amount,
    payable_at, created_at)
  VALUES (NEW.partner_id, printf('%08x', NEW.updated_at / 1000) || lower(hex(randomblob(8))),
    NEW.commission_currency, NEW.program_id, NEW.id, NEW.ledgered - OLD.ledgered,
    CASE WHEN NEW.ledgered > OLD.ledgered
      THEN max(NEW.updated_at, NEW.created_at + 86400000 *
        COALESCE((SELECT hold_days FROM programs WHERE id = NEW.program_id), 0))
      ELSE NEW.updated_at END,
    NEW.updated_at);
END;

-- The previous release's writes (the deploy window): it never sets `ledgered`, so a conversion it
-- registers approved (caught on its postback-log row, written in the same transaction whenever a
-- registration inserts: a trigger there leaves the conversion insert's `meta.changes` alone), or
-- whose status or commission it changes, is set to what it owes here, which writes its entry
-- through `ledger_on_update`. This release's writes never match (their `ledgered` already is what
-- they owe); the contract step of a later release drops these two.
CREATE TRIGGER ledger_previous_insert AFTER INSERT ON postback_log
  WHEN NEW.conversion_id IS NOT NULL
BEGIN
  UPDATE conversions SET ledgered = commission
  WHERE id = NEW.conversion_id AND status = 'approved' AND ledgered = 0 AND commission <> 0;
END;

CREATE TRIGGER ledger_previous_update AFTER UPDATE OF status, commission ON conversions
  WHEN NEW.ledgered = OLD.ledgered
    AND NEW.ledgered <> CASE WHEN NEW.status = 'approved' THEN NEW.commission ELSE 0 END
BEGIN
  UPDATE conversions
  SET ledgered = CASE WHEN NEW.status = 'approved' THEN NEW.commission ELSE 0 END
  WHERE id = NEW.id;
END;

-- Conversions approved before the ledger existed owe their commission too: each gets its entry
-- (payable now if its hold is over). An operator who paid them outside aecid-edge creates a
-- payout with minimum 0 and marks it paid with a reference saying so (docs/payouts.md).
UPDATE conversions SET ledgered = commission WHERE status = 'approved' AND commission <> 0;
