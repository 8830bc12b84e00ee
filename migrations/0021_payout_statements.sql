-- Issue 28: payout statements. Expand only: one new table, which the previous release neither
-- reads nor writes. A statement is issued for each partner of a payout when it is marked paid,
-- in the same D1 batch (src/storage/payout-statements.ts), numbered without gaps across every
-- payout: in paid order, then partner order within a payout. D1 runs one batch at a time, so
-- `MAX(number) + n` inside the batch cannot be taken twice; the primary key would refuse it.
CREATE TABLE payout_statements (
  number     INTEGER PRIMARY KEY,  -- 1, 2, 3 … per operator (this database)
  payout_id  TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  currency   TEXT NOT NULL,
  total      INTEGER NOT NULL,     -- this partner's share, minor units
  entries    INTEGER NOT NULL,     -- how many ledger entries it holds
  issued_at  INTEGER NOT NULL,     -- Unix ms: the payout's paid_at
  -- What the page prints that could change later, kept as it was when issued: a numbered
  -- statement is the partner's record (self-billing) and must read the same every time.
  partner_name  TEXT,              -- the partner's name then
  payer         TEXT,              -- the payer settings' debtor name then (null: none set)
  program_names TEXT,              -- JSON {program_id: name} of the programs its entries are of
  UNIQUE (payout_id, partner_id)
);

-- Payouts marked paid before this table existed get their statements now, in paid order. One the
-- previous release marks paid during the deploy window gets its numbers at the next payment (or
-- the first read of a statement): the same statement, which numbers every paid payout left out.
INSERT INTO payout_statements (number, payout_id, partner_id, currency, total, entries, issued_at,
  partner_name, payer, program_names)
SELECT ROW_NUMBER() OVER (ORDER BY p.paid_at, p.id, i.partner_id), p.id, i.partner_id, p.currency,
  SUM(i.amount), COUNT(*), p.paid_at,
  (SELECT name FROM partners WHERE id = i.partner_id),
  (SELECT nullif(trim(debtor_name), '') FROM payout_settings LIMIT 1),
  (SELECT json_group_object(pr.id, pr.name) FROM programs pr WHERE pr.id IN (
     SELECT e.program_id FROM payout_items x
     JOIN ledger_entries e ON e.partner_id = x.partner_id AND e.id = x.entry_id
     WHERE x.payout_id = p.id AND x.partner_id = i.partner_id))
FROM payouts p JOIN payout_items i ON i.payout_id = p.id
WHERE p.status = 'paid'
GROUP BY p.id, i.partner_id;
