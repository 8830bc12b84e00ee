-- Clicks travel through a Cloudflare Queue in batches, each with an id. Writing a batch twice (a
-- queue redelivers a message whose write had committed; a fallback write raced a late delivery)
-- must not count it twice: its receipt is inserted in the same transaction as its clicks, and its
-- counters only count when that receipt is new. One row per batch (not per click); a batch of one
-- click needs none (its click row is its own receipt). The retention job deletes old receipts.
CREATE TABLE click_batches (
  id TEXT PRIMARY KEY,                           -- the batch's id (a part of a split batch: <id>.<n>)
  run_id TEXT NOT NULL,                          -- the write that inserted it
  written_at INTEGER NOT NULL                    -- Unix ms
) WITHOUT ROWID;
