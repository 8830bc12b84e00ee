-- Issue 27, the partner portal: partners sign in (invites, sessions, passkeys, API tokens), belong
-- to programs, and may be disabled. Expand only: new tables, nullable or defaulted columns and an
-- index, so the previous version runs unchanged against it (it neither reads nor writes them).
-- No secret is stored: invites, sessions and tokens are kept as SHA-256 hashes of 256 random bits.

-- Disabled: no sign-in, no session, no token works; links keep redirecting (see the README).
ALTER TABLE partners ADD COLUMN disabled_at INTEGER;

-- Whether the program's partners see a conversion's order amount and customer ID in the portal.
ALTER TABLE programs ADD COLUMN partners_see_amounts INTEGER NOT NULL DEFAULT 0;

-- Which programs a partner belongs to beyond those it has links in (an approved application, a
-- program the operator added it to). A partner's programs: these, and those of its links.
CREATE TABLE program_partners (
  program_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (partner_id, program_id)
) WITHOUT ROWID;

-- The partner's links, programs and membership read by partner (links were by program only).
CREATE INDEX links_by_partner ON links (partner_id, created_at);

CREATE TABLE partner_invites (
  token_hash TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  created_by TEXT NOT NULL,                      -- the operator, as in the audit trail
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;

CREATE TABLE partner_sessions (
  token_hash TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('invite', 'passkey')),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL                  -- 30 days idle ends it; touched at most hourly
) WITHOUT ROWID;
CREATE INDEX partner_sessions_by_partner ON partner_sessions (partner_id);

CREATE TABLE partner_tokens (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX partner_tokens_by_partner ON partner_tokens (partner_id, created_at);

-- WebAuthn credentials (passkeys): the public key only, as the authenticator gave it.
CREATE TABLE partner_passkeys (
  id TEXT PRIMARY KEY,                           -- the credential ID, base64url
  partner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  public_key TEXT NOT NULL,                      -- COSE public key, base64url
  counter INTEGER NOT NULL,
  transports TEXT,                               -- JSON array, as the browser reported them
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX partner_passkeys_by_partner ON partner_passkeys (partner_id);

-- One WebAuthn ceremony's challenge, used once, for 5 minutes: registration (partner known) or
-- sign-in (partner null until the passkey names it).
CREATE TABLE partner_challenges (
  id TEXT PRIMARY KEY,
  challenge TEXT NOT NULL,
  partner_id TEXT,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
