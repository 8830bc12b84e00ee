-- Conversion sources (SPEC "Conversion sources"): a program's Stripe or Shopify webhook, whose
-- events register and update conversions through the same path as postbacks. Expand only: two new
-- tables the previous version neither reads nor writes, so it keeps running while this applies.
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('stripe', 'shopify')),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  -- The platform's signing secret, AES-GCM under the SOURCE_SECRETS_KEY Worker secret (base64):
  -- never stored in clear, never answered, never logged.
  secret_ciphertext TEXT NOT NULL,
  secret_iv TEXT NOT NULL,
  -- The secret a rotation replaced, still accepted until `previous_secret_expires_at` (ms): the
  -- platform and the operator switch over within those 24 hours.
  previous_secret_ciphertext TEXT,
  previous_secret_iv TEXT,
  previous_secret_expires_at INTEGER,
  -- Shopify: which order amount a sale is worth (`subtotal`: after discounts, before tax and
  -- shipping; `total`); null for Stripe, whose objects carry one amount.
  amount_basis TEXT CHECK (amount_basis IS NULL OR amount_basis IN ('subtotal', 'total')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- A program's sources, newest first (GET /api/programs/:id/sources).
CREATE INDEX sources_by_program ON sources (program_id, created_at, id);

-- Every platform event a source has acted on, by the platform's own event ID (Stripe's `evt_…`,
-- Shopify's X-Shopify-Webhook-Id): a redelivery finds its row and changes nothing. Written only
-- once the event's effect is decided, so an event that failed on the way (a 503) is retried whole.
CREATE TABLE source_events (
  source_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  type TEXT NOT NULL,             -- checkout.session.completed, orders/paid, …
  outcome TEXT NOT NULL,          -- registered, duplicate, ignored, or the refusal's code
  conversion_id TEXT,
  PRIMARY KEY (source_id, event_id)
) WITHOUT ROWID;
