-- 0003: which version of the shipped reference lists the database holds,
-- so that a new release refreshes them (store/reference.c).
CREATE TABLE ref_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
