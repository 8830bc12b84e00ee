-- Goals and the conversion's lifecycle. A program has goals (`sale` by default), each with its own
-- commission and a `repeatable` flag; a click converts once per non-repeatable goal, an order id
-- registers once per program and goal. Conversions get their goal (`sale` for every existing one),
-- may start `refused` (the too-fast rule), and keep a history of their changes.

ALTER TABLE programs ADD COLUMN goals TEXT;               -- JSON [{name, commission, repeatable}]; null: one `sale` goal
ALTER TABLE programs ADD COLUMN hold_days INTEGER;        -- pending conversions older than this are approved
ALTER TABLE programs ADD COLUMN min_seconds_to_convert INTEGER; -- faster click conversions: refused, too_fast

-- SQLite cannot change a CHECK or a unique index's columns in place: the table is rebuilt, with
-- the same rows. Still five rows written per conversion (the row, three index entries, the log
-- row), plus the pending index's entry while a conversion waits for its decision.
CREATE TABLE conversions_v7 (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL,
  goal TEXT NOT NULL,
  repeatable INTEGER NOT NULL CHECK (repeatable IN (0, 1)),  -- the goal's flag when registered
  order_id TEXT NOT NULL,                        -- the postback's `id`
  click_id TEXT,
  partner_id TEXT NOT NULL,
  attribution TEXT NOT NULL CHECK (attribution IN ('click', 'voucher', 'revenue_share')),
  amount INTEGER NOT NULL,                       -- minor units of `currency`
  currency TEXT NOT NULL,
  commission INTEGER NOT NULL,                   -- minor units of `commission_currency`
  commission_currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  initial_status TEXT NOT NULL CHECK (initial_status IN ('pending', 'approved', 'refused')),
  refuse_reason TEXT,
  payment TEXT,
  customer TEXT,
  cv TEXT,
  vouchers TEXT,                                 -- JSON array of the codes sent
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO conversions_v7 (id, program_id, goal, repeatable, order_id, click_id, partner_id,
  attribution, amount, currency, commission, commission_currency, status, initial_status,
  refuse_reason, payment, customer, cv, vouchers, created_at, updated_at)
SELECT id, program_id, 'sale', 0, order_id, click_id, partner_id, attribution, amount, currency,
  commission, commission_currency, status, initial_status, refuse_reason, payment, customer, cv,
  vouchers, created_at, updated_at
FROM conversions;

DROP TABLE conversions;
ALTER TABLE conversions_v7 RENAME TO conversions;

-- The durable backstops of single registration: one conversion per (program, goal, order id), one
-- per (click, goal) for goals that are not repeatable.
CREATE UNIQUE INDEX conversions_by_order ON conversions (program_id, goal, order_id);
CREATE UNIQUE INDEX conversions_by_click ON conversions (click_id, goal)
  WHERE click_id IS NOT NULL AND repeatable = 0;
CREATE INDEX conversions_by_program ON conversions (program_id, created_at);
-- What the hold period approves: only conversions waiting for a decision are in it.
CREATE INDEX conversions_pending ON conversions (program_id, created_at) WHERE status = 'pending';

-- Every change of a conversion after its registration: one row per field changed.
CREATE TABLE conversion_history (
  conversion_id TEXT NOT NULL,
  id TEXT NOT NULL,                              -- begins with the millisecond time
  changed_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('postback', 'admin', 'hold')),
  field TEXT NOT NULL,                           -- status, amount, commission, refuse_reason
  old_value TEXT,
  new_value TEXT,
  PRIMARY KEY (conversion_id, id)
) WITHOUT ROWID;

-- Test postbacks (`test=1`) are logged like any other, marked.
ALTER TABLE postback_log ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
