-- Clicks across D1 databases (CLICK_SHARDS), in smaller rows. Every shard gets the whole schema
-- (this file runs on each); only `clicks`, `click_batches` and `daily_link_counts` are used there.

-- Reports by link read the link from the conversion: its click may live in another database.
ALTER TABLE conversions ADD COLUMN link_id TEXT;
UPDATE conversions SET link_id = (SELECT k.link_id FROM clicks k WHERE k.id = conversions.click_id)
WHERE click_id IS NOT NULL;

-- A click's conversions of repeatable goals, found by index too (retention asks which clicks
-- converted); non-repeatable ones are in conversions_by_click.
CREATE INDEX conversions_repeatable_by_click ON conversions (click_id)
  WHERE click_id IS NOT NULL AND repeatable = 1;

-- A shard's counters carry the link's program and partner (a shard has no links to join).
ALTER TABLE daily_link_counts ADD COLUMN program_id TEXT;
ALTER TABLE daily_link_counts ADD COLUMN partner_id TEXT;
UPDATE daily_link_counts SET
  program_id = (SELECT l.program_id FROM links l WHERE l.id = daily_link_counts.link_id),
  partner_id = (SELECT l.partner_id FROM links l WHERE l.id = daily_link_counts.link_id);

-- Clicks in about half the bytes: the aecid, program and partner as 12-byte BLOBs instead of 24
-- hex characters; the IP hash as 16 bytes; the user agent as a short device label and a 16-byte
-- hash. Clicks stored before keep their whole user agent (`user_agent`, NULL from now on); their
-- IP hash keeps its first 16 bytes, which is what new clicks store. `kept` marks a converted click
-- that retention has stripped and keeps for its conversion.
CREATE TABLE clicks_v8 (
  id BLOB PRIMARY KEY,                           -- the aecid's 12 bytes
  link_id TEXT NOT NULL,
  program_id BLOB NOT NULL,
  partner_id BLOB NOT NULL,
  created_at INTEGER NOT NULL,                   -- Unix ms
  sub1 TEXT, sub2 TEXT, sub3 TEXT, sub4 TEXT, sub5 TEXT,
  country TEXT,
  ip_hash BLOB,                                  -- 16 bytes of HMAC-SHA-256; never the raw IP
  device TEXT,                                   -- Chrome 131 / Windows / desktop
  ua_hash BLOB,                                  -- 16 bytes of SHA-256 of the user agent
  referer_host TEXT,
  user_agent TEXT,                               -- clicks stored before this migration only
  kept INTEGER
) WITHOUT ROWID;

INSERT INTO clicks_v8 (id, link_id, program_id, partner_id, created_at, sub1, sub2, sub3, sub4,
  sub5, country, ip_hash, device, ua_hash, referer_host, user_agent)
SELECT unhex(id), link_id, unhex(program_id), unhex(partner_id), created_at, sub1, sub2, sub3,
  sub4, sub5, country, unhex(substr(ip_hash, 1, 32)), NULL, NULL, referer_host, user_agent
FROM clicks;

DROP TABLE clicks;
ALTER TABLE clicks_v8 RENAME TO clicks;
