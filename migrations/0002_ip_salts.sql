-- Daily salts for the IP hash (as Plausible does): a click's IP is kept only as
-- HMAC-SHA-256(IP_HASH_KEY + the day's salt, IP). The scheduled job deletes a salt once its day is
-- over, after which that day's hashes can no longer be recomputed from any IP, even by someone
-- holding IP_HASH_KEY. Within a day, the same IP gives the same hash (for click-fraud checks).
CREATE TABLE ip_salts (
  day TEXT PRIMARY KEY,                          -- YYYY-MM-DD, UTC
  salt TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
