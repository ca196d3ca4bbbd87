-- 0006: imports (the uploaded file, its settings and mapping, the report of
-- its dry run, its state), saved mappings, and a folded name on every
-- record table for matching duplicates ("Société X" = "societe x").
CREATE TABLE import_batch (
	id INTEGER PRIMARY KEY,
	account_id INTEGER,
	kind TEXT NOT NULL,
	file_name TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	file_size INTEGER NOT NULL,
	format TEXT NOT NULL,        -- csv, xlsx
	encoding TEXT,               -- csv: UTF-8, Windows-1252...
	separator TEXT,              -- csv: , ; or tab
	sheet INTEGER NOT NULL DEFAULT 0,
	mapping TEXT,                -- JSON: columns to fields, value maps, duplicate policy
	state TEXT NOT NULL,         -- uploaded, checked, committed, undone, failed
	rows_total INTEGER NOT NULL DEFAULT 0,
	rows_invalid INTEGER NOT NULL DEFAULT 0,
	rows_duplicate INTEGER NOT NULL DEFAULT 0,
	created INTEGER NOT NULL DEFAULT 0,
	updated INTEGER NOT NULL DEFAULT 0,
	skipped INTEGER NOT NULL DEFAULT 0,
	report TEXT,                 -- JSON: problems and duplicates found by the dry run
	message TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE import_file (
	batch_id INTEGER PRIMARY KEY REFERENCES import_batch (id),
	data BLOB NOT NULL
) STRICT;

CREATE TABLE import_mapping (
	id INTEGER PRIMARY KEY,
	account_id INTEGER,
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	mapping TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

CREATE INDEX history_by_origin ON history (origin, id);

ALTER TABLE organization ADD COLUMN name_key TEXT;
ALTER TABLE person ADD COLUMN name_key TEXT;
ALTER TABLE position ADD COLUMN name_key TEXT;
ALTER TABLE relationship ADD COLUMN name_key TEXT;
ALTER TABLE account ADD COLUMN name_key TEXT;
ALTER TABLE team ADD COLUMN name_key TEXT;
CREATE INDEX organization_by_name_key ON organization (name_key, territory);
CREATE INDEX organization_by_siret ON organization (siret);
CREATE INDEX organization_by_rna ON organization (rna);
CREATE INDEX organization_by_email ON organization (lower(email));
CREATE INDEX person_by_name_key ON person (name_key);
