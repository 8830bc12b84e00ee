-- The default goal (a postback without `goal=`) is stored by name: it was the first of `goals`,
-- so adding a goal in front of the list turned plain postbacks into that goal, and replays of old
-- orders into new conversions. Expand only: the previous version ignores the column (and keeps
-- reading the first goal, which the new version stores the default as); a program it creates or
-- changes meanwhile has a null or stale `default_goal`, read as "the first goal", as before.
ALTER TABLE programs ADD COLUMN default_goal TEXT;  -- one of `goals`' names; null: the first

UPDATE programs SET default_goal = COALESCE(goals ->> '$[0].name', 'sale')
WHERE default_goal IS NULL;
