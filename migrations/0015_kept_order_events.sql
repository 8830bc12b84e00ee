-- Shopify refunds and cancellations that arrived before their sale (issue 25). A Shopify refund
-- carries that refund's own amount, not a running total, so refunds cannot fold into one row as
-- Stripe's do (pending_updates, 0013): one row per webhook, keyed by its X-Shopify-Webhook-Id, so
-- a redelivery is kept once; when the sale registers, the sum of its kept refunds is taken off.
-- Keyed by program and order first: a sale registered by a postback finds them too.
-- Expand only: a new table, and an index on pending_updates that the previous version neither
-- reads nor needs, so it keeps running while this applies.
CREATE TABLE kept_order_events (
  program_id TEXT NOT NULL,
  order_id TEXT NOT NULL,        -- the sale's order id, as its source registers it
  source_id TEXT NOT NULL,
  event_id TEXT NOT NULL,        -- the platform's event ID (Shopify's X-Shopify-Webhook-Id)
  source_type TEXT NOT NULL,     -- shopify
  -- What this refund gave back, in ISO 4217 minor units of `currency`; null: a cancellation.
  amount_less INTEGER,
  currency TEXT,                 -- null: the event names none (a cancellation, a refund of nothing)
  refuse_reason TEXT,            -- cancelled: the sale is refused; or null
  received_at INTEGER NOT NULL,
  -- Set when a sale takes it (before applying it, so two sales racing never subtract it twice;
  -- cleared again if applying failed); conversion_id once applied.
  applied_at INTEGER,
  conversion_id TEXT,
  PRIMARY KEY (program_id, order_id, source_id, event_id)
) WITHOUT ROWID;

-- Stripe's kept updates by program and order, as a postback's sale looks for them; only the rows
-- not applied yet are in it, so the index stays the size of what waits.
CREATE INDEX pending_updates_due_by_order ON pending_updates (program_id, order_id)
  WHERE applied_at IS NULL;
