-- 0001: the directory of actors: reference lists, organisations, people,
-- positions, relationships, multi-valued fields and the search index.
-- Columns of the record tables follow the declarations in src/model/; the
-- store checks at start-up that every declared scalar field has its column.

CREATE TABLE ref_item (
	list TEXT NOT NULL,          -- territory, sector, sector_category, sdg
	code TEXT NOT NULL,
	parent TEXT,                 -- a region's country, a sector's category
	kind TEXT,                   -- territory: country or region
	name_fr TEXT NOT NULL,
	name_en TEXT NOT NULL,
	name_es TEXT NOT NULL,
	lat REAL,
	lon REAL,
	PRIMARY KEY (list, code)
) STRICT;

CREATE TABLE organization (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	legal_form TEXT,
	ess INTEGER,
	territory TEXT,
	address TEXT,
	latitude REAL,
	longitude REAL,
	website TEXT,
	email TEXT,
	phone TEXT,
	siren TEXT,
	siret TEXT,
	rna TEXT,
	other_registry TEXT,
	other_id TEXT,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX organization_by_sort ON organization (sort_key, id);
CREATE INDEX organization_by_kind ON organization (kind, sort_key, id);
CREATE INDEX organization_by_territory ON organization (territory, sort_key, id);
CREATE INDEX organization_by_ess ON organization (ess, sort_key, id);
CREATE INDEX organization_by_siren ON organization (siren);
CREATE INDEX organization_deleted ON organization (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE person (
	id INTEGER PRIMARY KEY,
	given_name TEXT,
	family_name TEXT NOT NULL,
	notes TEXT,
	legal_basis TEXT NOT NULL,
	legal_basis_date TEXT NOT NULL,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX person_by_sort ON person (sort_key, id);
CREATE INDEX person_deleted ON person (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE position (
	id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL REFERENCES person (id),
	organization INTEGER NOT NULL REFERENCES organization (id),
	title TEXT,
	start_date TEXT,
	end_date TEXT,
	sort_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX position_by_sort ON position (sort_key, id);
CREATE INDEX position_by_person ON position (person, sort_key, id);
CREATE INDEX position_by_organization ON position (organization, sort_key, id);

CREATE TABLE relationship (
	id INTEGER PRIMARY KEY,
	subject INTEGER NOT NULL REFERENCES organization (id),
	type TEXT NOT NULL,
	object INTEGER NOT NULL REFERENCES organization (id),
	start_date TEXT,
	end_date TEXT,
	note TEXT,
	sort_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX relationship_by_sort ON relationship (sort_key, id);
CREATE INDEX relationship_by_subject ON relationship (subject, sort_key, id);
CREATE INDEX relationship_by_object ON relationship (object, sort_key, id);
CREATE INDEX relationship_by_type ON relationship (type, sort_key, id);

-- Values of multi-valued fields, for every kind: the order is `pos`.
CREATE TABLE record_value (
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	field TEXT NOT NULL,
	pos INTEGER NOT NULL,
	value TEXT NOT NULL,
	lang TEXT,
	acronym INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (kind, record_id, field, pos)
) STRICT;
CREATE INDEX record_value_by_value ON record_value (kind, field, value, record_id);

-- Full-text index of searchable kinds.  rowid = kind index * 2^40 + id.
-- Text is folded in C (base/text.c) before it is indexed or searched.
CREATE VIRTUAL TABLE search_index USING fts5 (
	names, body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);
