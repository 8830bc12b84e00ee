-- Outbound postbacks and webhooks. An endpoint is where conversion events go: a GET URL with
-- macros (a partner's postback) or a POST of a JSON event signed per Standard Webhooks. Its
-- signing secret is never stored: it is derived from the WEBHOOK_KEY secret, the endpoint's id and
-- `secret_generation` (which rotation increments).
CREATE TABLE endpoints (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,                             -- GET: with macros such as {aecid}
  method TEXT NOT NULL CHECK (method IN ('GET', 'POST')),
  events TEXT NOT NULL,                          -- JSON array of event types
  partner_id TEXT,                               -- only this partner's conversions; null: all
  program_id TEXT,                               -- only this program's; null: all
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  disabled_reason TEXT,
  secret_generation INTEGER NOT NULL DEFAULT 1,
  failed_streak INTEGER NOT NULL DEFAULT 0,      -- deliveries in a row that ended failed
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- One delivery per (event, endpoint), whatever is retried or redelivered: its key says so. Its
-- `id` is the webhook-id, the same on every attempt; `request` is what every attempt sends.
CREATE TABLE deliveries (
  event_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  id TEXT NOT NULL,
  event TEXT NOT NULL,                           -- conversion.registered, …
  conversion_id TEXT,
  request TEXT NOT NULL,                         -- GET: the filled URL; POST: the JSON body
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (event_id, endpoint_id)
) WITHOUT ROWID;

-- The delivery log: every attempt, newest first per endpoint straight off the primary key (ids
-- begin with the millisecond time). Never a secret: no signature, no header, no key.
CREATE TABLE delivery_attempts (
  endpoint_id TEXT NOT NULL,
  id TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  event TEXT NOT NULL,
  conversion_id TEXT,
  attempt INTEGER NOT NULL,
  attempted_at INTEGER NOT NULL,
  http_status INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL,
  response TEXT,                                 -- the first 256 characters of the answer
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed', 'test')),
  PRIMARY KEY (endpoint_id, id)
) WITHOUT ROWID;
CREATE INDEX delivery_attempts_by_conversion ON delivery_attempts (conversion_id, id);
