-- 0005: the head of the history chain (the last entry's number and hash),
-- written with each entry, so that removing the newest entries is noticed
-- by `passerelle audit verify` too.
CREATE TABLE history_head (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	last_id INTEGER NOT NULL,
	last_hash TEXT NOT NULL
) STRICT;
INSERT INTO history_head (one, last_id, last_hash)
	SELECT 1, id, hash FROM history ORDER BY id DESC LIMIT 1;
