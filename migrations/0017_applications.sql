-- Issue 27, self sign-up: a program may be open to applications (`/join/<program>`), and the
-- applications wait here for the operator's decision. Expand only: a new column with a default
-- and a new table, so the previous version runs unchanged against it (it neither reads nor
-- writes them). Numbered 0017: 0016 is the partner accounts' migration of the same issue.
ALTER TABLE programs ADD COLUMN applications_open INTEGER NOT NULL DEFAULT 0;

CREATE TABLE partner_applications (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  website TEXT,
  promotion TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  partner_id TEXT,
  reason TEXT,
  created_at INTEGER NOT NULL,
  decided_at INTEGER
);

-- The operator's list: newest first, one program's or every program's, by status.
CREATE INDEX partner_applications_by_status ON partner_applications (status, created_at);
