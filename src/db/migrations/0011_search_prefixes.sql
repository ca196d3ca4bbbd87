-- 0011: the search index keeps the lists of prefixes of up to 8
-- characters (TEXT_FTS_PREFIX_CHARS, src/base/text.h), not 3.  A prefix
-- longer than the index keeps was merged in memory from the lists of every
-- word it begins, for each kind and tier of each search: "sain" took
-- 15 ms, "association" 140 ms on a million organisations (bench/NOTES.md,
-- (j)).  Rebuilt from its own content; a rebuilt index is also compact
-- (808 MB of segments grown one record at a time became 722 MB).
CREATE VIRTUAL TABLE search_index_new USING fts5 (
	names, body, keys UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5 6 7 8'
);
INSERT INTO search_index_new (rowid, names, body, keys) SELECT rowid, names, body, keys FROM search_index;
DROP TABLE search_index;
ALTER TABLE search_index_new RENAME TO search_index;
