-- Updates that arrived before their sale (SPEC "Conversion sources": a refund or dispute before
-- its sale is kept and applied when the sale arrives). One row per source and order: the
-- platform's refunds carry cumulative amounts, so later ones fold into the row and the order they
-- came in does not matter. Expand only: a new table the previous version neither reads nor
-- writes, so it keeps running while this applies.
CREATE TABLE pending_updates (
  source_id TEXT NOT NULL,
  order_id TEXT NOT NULL,        -- the sale's order id, as the source registers it
  program_id TEXT NOT NULL,
  source_type TEXT NOT NULL,     -- stripe, shopify
  -- What is left of the sale in ISO 4217 minor units (the smallest of the refunds so far), or
  -- null: the amount is not changed (a dispute).
  amount_left INTEGER,
  currency TEXT NOT NULL,
  refuse_reason TEXT,            -- refunded, disputed, cancelled…: the sale is refused; or null
  last_event_id TEXT NOT NULL,   -- the last platform event folded in
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Set once applied to its sale's conversion (and cleared if another update folds in after).
  applied_at INTEGER,
  conversion_id TEXT,
  PRIMARY KEY (source_id, order_id)
) WITHOUT ROWID;
