-- Issue 26's follow-up, the write budget: the hold period's job stops reading conversions through
-- the partial index `conversions_pending`, so that a later migration can drop it (one index entry
-- written at registration and one removed at approval, per pending conversion). Instead each
-- program remembers how far its job has looked (`hold_checked_until`, Unix ms): the job reads
-- conversions created since then through `conversions_by_program`, so each is read about once.
-- Expand only: a nullable column the previous version neither reads nor writes. The previous
-- version still names `conversions_pending` (INDEXED BY): the index stays until the release after
-- this one (docs/deploy.md, "Contract migrations waiting").
ALTER TABLE programs ADD COLUMN hold_checked_until INTEGER;
