-- 0004: exact names and acronyms rank first in search, and filters on
-- free-text lists (tags, value chains) ignore case and accents.
-- The search index gains `keys` (every name and acronym, folded, its
-- spaces made underscores: one token each); record_value gains `folded`.
-- Both are filled by the store in C after this migration (store_reindex),
-- since folding needs ICU.
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
	names, body, keys UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);
ALTER TABLE record_value ADD COLUMN folded TEXT;
CREATE INDEX record_value_by_folded ON record_value (kind, field, folded, record_id);
