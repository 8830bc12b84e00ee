-- The audit trail (SPEC "Admin API", "Operators"): one row per change made through the admin API.
-- Expand only: a new table and a new nullable column, which the previous version neither reads
-- nor writes, so it keeps running while this migration is applied.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,            -- time-ordered: created_at in hex, a sequence, randomness
  created_at INTEGER NOT NULL,    -- ms since the epoch
  operator TEXT NOT NULL,         -- the Access email, or `admin-token`
  action TEXT NOT NULL,           -- create, update, rotate_key, approve, refuse, delete, replay, …
  resource_type TEXT NOT NULL,    -- program, partner, link, voucher, endpoint, conversion, dead_letters
  resource_id TEXT NOT NULL,
  fields TEXT NOT NULL,           -- JSON object: the changed fields' new values, never a secret
  request_id TEXT                 -- the answer's X-Request-Id
);
-- Newest first, overall and per operator or resource (the filters of GET /api/audit).
CREATE INDEX audit_log_newest ON audit_log (created_at, id);
CREATE INDEX audit_log_operator ON audit_log (operator, created_at, id);
CREATE INDEX audit_log_resource ON audit_log (resource_type, resource_id, created_at, id);

-- Who made an admin change to a conversion; null for the postback, the hold job, and rows
-- written before this migration.
ALTER TABLE conversion_history ADD COLUMN operator TEXT;
