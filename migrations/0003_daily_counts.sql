-- Reports read per-link daily counters instead of scanning clicks: clicks join bot hits and
-- impressions in one row per (day, link), kept by the click path's batched upsert (one counter row
-- per link and day per batch, so about one row written per click stays the norm). Keyed by day
-- first so a report's date range is a primary-key range. Counters outlive click retention.
CREATE TABLE daily_link_counts (
  day TEXT NOT NULL,                             -- YYYY-MM-DD, UTC
  link_id TEXT NOT NULL,
  clicks INTEGER NOT NULL DEFAULT 0,
  bot_hits INTEGER NOT NULL DEFAULT 0,
  impressions INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, link_id)
) WITHOUT ROWID;

INSERT INTO daily_link_counts (day, link_id, bot_hits, impressions)
SELECT day, link_id, bot_hits, impressions FROM link_daily_counts;

INSERT INTO daily_link_counts (day, link_id, clicks)
SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch'), link_id, count(*) FROM clicks GROUP BY 1, 2
ON CONFLICT (day, link_id) DO UPDATE SET clicks = excluded.clicks;

DROP TABLE link_daily_counts;
