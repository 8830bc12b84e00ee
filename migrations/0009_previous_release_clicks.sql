-- The window of 0008: `npm run deploy` migrates, then deploys, so the previous release runs on
-- the new schema for a while. Its consumer inserts clicks with text IDs (hex) and a 32-byte text
-- IP hash, which today's code, reading `unhex(…)`, never finds. Expand only: such a row stays as
-- it is (the previous release finds its own clicks by it), and gets a copy in today's form. Today's
-- code never reads the text rows; retention deletes them when their time comes, and a later
-- release's migration drops them and these triggers (contract).

-- Clicks written with text IDs before this migration (a deployment that has been through 0008).
-- TEXT sorts before BLOB: `id < x''` reads only them, a range of the key, not the whole table.
INSERT OR IGNORE INTO clicks (id, link_id, program_id, partner_id, created_at, sub1, sub2, sub3,
  sub4, sub5, country, ip_hash, device, ua_hash, referer_host, user_agent)
SELECT unhex(id), link_id, unhex(program_id), unhex(partner_id), created_at, sub1, sub2, sub3,
  sub4, sub5, country, unhex(substr(ip_hash, 1, 32)), NULL, NULL, referer_host, user_agent
FROM clicks WHERE id < x'' AND typeof(id) = 'text';

-- A click the previous release writes again when today's form already has it (a redelivery that
-- went to the new version first) is skipped, so `changes()` does not count it twice.
CREATE TRIGGER clicks_text_id_known BEFORE INSERT ON clicks
WHEN typeof(NEW.id) = 'text' AND EXISTS (SELECT 1 FROM clicks WHERE id = unhex(NEW.id))
BEGIN
  SELECT RAISE(IGNORE);
END;

-- Every other click the previous release writes gets its copy in today's form (an ID that is not
-- hex gets none: OR IGNORE skips the NULL key, and the text row stays).
CREATE TRIGGER clicks_text_id_copy AFTER INSERT ON clicks
WHEN typeof(NEW.id) = 'text'
BEGIN
  INSERT OR IGNORE INTO clicks (id, link_id, program_id, partner_id, created_at, sub1, sub2, sub3,
    sub4, sub5, country, ip_hash, device, ua_hash, referer_host, user_agent)
  VALUES (unhex(NEW.id), NEW.link_id, unhex(NEW.program_id), unhex(NEW.partner_id),
    NEW.created_at, NEW.sub1, NEW.sub2, NEW.sub3, NEW.sub4, NEW.sub5, NEW.country,
    unhex(substr(NEW.ip_hash, 1, 32)), NULL, NULL, NEW.referer_host, NEW.user_agent);
END;

-- The previous release only ever erases (DELETE /api/clicks/:aecid, retention): what it erases
-- from its row is erased from the copy too.
CREATE TRIGGER clicks_text_id_erase AFTER UPDATE ON clicks
WHEN typeof(NEW.id) = 'text'
BEGIN
  UPDATE clicks SET
    ip_hash = CASE WHEN NEW.ip_hash IS NULL THEN NULL ELSE ip_hash END,
    user_agent = CASE WHEN NEW.user_agent IS NULL THEN NULL ELSE user_agent END,
    referer_host = CASE WHEN NEW.referer_host IS NULL THEN NULL ELSE referer_host END,
    sub1 = CASE WHEN NEW.sub1 IS NULL THEN NULL ELSE sub1 END,
    sub2 = CASE WHEN NEW.sub2 IS NULL THEN NULL ELSE sub2 END,
    sub3 = CASE WHEN NEW.sub3 IS NULL THEN NULL ELSE sub3 END,
    sub4 = CASE WHEN NEW.sub4 IS NULL THEN NULL ELSE sub4 END,
    sub5 = CASE WHEN NEW.sub5 IS NULL THEN NULL ELSE sub5 END
  WHERE id = unhex(NEW.id);
END;
