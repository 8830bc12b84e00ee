-- The contract steps waiting since migrations 0018 and 0019 (docs/deploy.md, "Contract migrations
-- waiting"), safe now that the release running during this deploy window is the one that added them:
--
-- * `conversions_pending`, the partial index of pending conversions. The release before 0018 named
--   it (INDEXED BY) in its hold job; 0018's release reads conversions since its mark through
--   `conversions_by_program` instead and names it nowhere. Dropping it saves one index entry written
--   when a pending conversion registers and one when it is decided.
-- * `ledger_previous_insert` and `ledger_previous_update`, which ledgered what the release before
--   0019 wrote to `conversions` without `ledgered`. 0019's release sets `ledgered` in every INSERT
--   and UPDATE of a conversion, so they never match; `ledger_previous_insert` still read the
--   conversion on every postback-log row. `ledger_on_update`, which writes the entries, stays.
DROP INDEX IF EXISTS conversions_pending;
DROP TRIGGER IF EXISTS ledger_previous_insert;
DROP TRIGGER IF EXISTS ledger_previous_update;
