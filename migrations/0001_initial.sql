-- aecid-edge schema. Budgets (D1 bills every row and index entry written): at most 2 rows per
-- click and 8 per conversion. Hot tables are WITHOUT ROWID so the primary key is the table itself
-- (one b-tree write per insert), and the time-prefixed IDs make that key the time index too.
-- See README "Schema and write budget".

CREATE TABLE programs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  landing_url TEXT NOT NULL,
  allowed_domains TEXT NOT NULL,                 -- JSON array of canonical host names
  attribution_window_days INTEGER NOT NULL,
  attribution_model TEXT NOT NULL CHECK (attribution_model IN ('last_click', 'first_click')),
  revenue_share INTEGER NOT NULL CHECK (revenue_share IN (0, 1)),
  commission_type TEXT NOT NULL CHECK (commission_type IN ('percent', 'fixed')),
  commission_value INTEGER NOT NULL,             -- percent: 1/10,000 of a percent; fixed: minor units
  commission_currency TEXT,                      -- fixed only
  auto_approve INTEGER NOT NULL CHECK (auto_approve IN (0, 1)),
  first_party_cookie_domain TEXT,
  postbacks_per_minute INTEGER NOT NULL,
  key_hash TEXT NOT NULL,                        -- SHA-256 of the key's secret; the key itself is never stored
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE links (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs (id),
  partner_id TEXT NOT NULL REFERENCES partners (id),
  destination TEXT,                              -- null: the program's landing URL
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX links_by_program ON links (program_id, created_at);

CREATE TABLE vouchers (
  program_id TEXT NOT NULL REFERENCES programs (id),
  code TEXT NOT NULL,                            -- case-sensitive, exact
  partner_id TEXT NOT NULL REFERENCES partners (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, code)
) WITHOUT ROWID;

-- One row written per click: no secondary index. The aecid's time prefix orders the table by time.
CREATE TABLE clicks (
  id TEXT PRIMARY KEY,                           -- the aecid
  link_id TEXT NOT NULL,
  program_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,                   -- Unix ms
  sub1 TEXT, sub2 TEXT, sub3 TEXT, sub4 TEXT, sub5 TEXT,
  country TEXT,
  ip_hash TEXT,                                  -- HMAC-SHA-256 keyed with IP_HASH_KEY; never the raw IP
  user_agent TEXT,
  referer_host TEXT
) WITHOUT ROWID;

-- Bot hits and impressions: one upserted counter row per link and UTC day.
CREATE TABLE link_daily_counts (
  link_id TEXT NOT NULL,
  day TEXT NOT NULL,                             -- YYYY-MM-DD, UTC
  bot_hits INTEGER NOT NULL DEFAULT 0,
  impressions INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (link_id, day)
) WITHOUT ROWID;

-- Four rows written per conversion: the row and three indexes. The two unique indexes are the
-- durable backstop of single registration: one conversion per (program, order id), one per click.
CREATE TABLE conversions (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL,
  order_id TEXT NOT NULL,                        -- the postback's `id`
  click_id TEXT,
  partner_id TEXT NOT NULL,
  attribution TEXT NOT NULL CHECK (attribution IN ('click', 'voucher', 'revenue_share')),
  amount INTEGER NOT NULL,                       -- minor units of `currency`
  currency TEXT NOT NULL,
  commission INTEGER NOT NULL,                   -- minor units of `commission_currency`
  commission_currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  initial_status TEXT NOT NULL CHECK (initial_status IN ('pending', 'approved')),
  refuse_reason TEXT,
  payment TEXT,
  customer TEXT,
  cv TEXT,
  vouchers TEXT,                                 -- JSON array of the codes sent
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX conversions_by_order ON conversions (program_id, order_id);
CREATE UNIQUE INDEX conversions_by_click ON conversions (click_id) WHERE click_id IS NOT NULL;
CREATE INDEX conversions_by_program ON conversions (program_id, created_at);

-- Revenue share: a customer's first attributed conversion binds them to that partner for life.
CREATE TABLE customer_bindings (
  program_id TEXT NOT NULL,
  customer TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  conversion_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, customer)
) WITHOUT ROWID;

-- Every postback, accepted or not, without its key. Keyed by program then an ID that starts with
-- the millisecond time, so a program's log reads newest first straight off the primary key.
CREATE TABLE postback_log (
  program_id TEXT NOT NULL,
  id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  http_status INTEGER NOT NULL,
  outcome TEXT NOT NULL,                         -- `registered`, `duplicate` or an error code
  conversion_id TEXT,
  fields TEXT NOT NULL,                          -- JSON of the fields received, the key removed
  PRIMARY KEY (program_id, id)
) WITHOUT ROWID;
