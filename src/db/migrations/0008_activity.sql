-- 0008: the working desk - interactions, follow-ups, notes and their
-- workflow, the register of documents with attachments and internal
-- transmission, working groups, the roadmap, calendar feeds and the mail
-- outbox.  Scalar fields are columns; multi-valued ones are rows of
-- record_value, as for the directory.

CREATE TABLE interaction (
	id INTEGER PRIMARY KEY,
	subject TEXT NOT NULL,
	type TEXT NOT NULL,
	starts_at TEXT NOT NULL,
	ends_at TEXT,
	timezone TEXT NOT NULL,
	place TEXT,
	link TEXT,
	summary TEXT,
	working_group INTEGER,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX interaction_by_sort ON interaction (sort_key, id);
CREATE INDEX interaction_by_start ON interaction (starts_at, id);
CREATE INDEX interaction_by_group ON interaction (working_group, starts_at);

CREATE TABLE followup (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	owner INTEGER NOT NULL,
	due_date TEXT NOT NULL,
	status TEXT NOT NULL,
	interaction INTEGER,
	working_group INTEGER,
	details TEXT,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX followup_by_sort ON followup (sort_key, id);
CREATE INDEX followup_by_owner ON followup (owner, status, due_date);
CREATE INDEX followup_by_due ON followup (status, due_date);
CREATE INDEX followup_by_interaction ON followup (interaction);

CREATE TABLE note (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	note_type TEXT NOT NULL,
	date TEXT NOT NULL,
	status TEXT,
	body TEXT,
	author INTEGER,
	validator INTEGER,
	validator_team INTEGER,
	interaction INTEGER,
	working_group INTEGER,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX note_by_sort ON note (sort_key, id);
CREATE INDEX note_by_status ON note (status, validator);
CREATE INDEX note_by_author ON note (author, status);

CREATE TABLE document (
	id INTEGER PRIMARY KEY,
	subject TEXT NOT NULL,
	reference TEXT,
	date TEXT NOT NULL,
	direction TEXT NOT NULL,
	document_type TEXT,
	sender_organization INTEGER,
	sender_person INTEGER,
	recipient_organization INTEGER,
	recipient_person INTEGER,
	language TEXT,
	answer_due TEXT,
	answered_on TEXT,
	summary TEXT,
	interaction INTEGER,
	working_group INTEGER,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX document_by_sort ON document (sort_key, id);
CREATE INDEX document_by_sender ON document (sender_organization, date);
CREATE INDEX document_by_recipient ON document (recipient_organization, date);
CREATE INDEX document_by_answer ON document (answer_due) WHERE answered_on IS NULL;

CREATE TABLE working_group (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	scope TEXT NOT NULL,
	description TEXT,
	coordinator INTEGER,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX working_group_by_sort ON working_group (sort_key, id);

CREATE TABLE roadmap_axis (
	id INTEGER PRIMARY KEY,
	number INTEGER,
	name TEXT NOT NULL,
	description TEXT,
	start_year INTEGER,
	end_year INTEGER,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX roadmap_axis_by_sort ON roadmap_axis (sort_key, id);

CREATE TABLE roadmap_action (
	id INTEGER PRIMARY KEY,
	axis INTEGER NOT NULL,
	title TEXT NOT NULL,
	owner INTEGER,
	deadline TEXT,
	status TEXT NOT NULL,
	progress INTEGER,
	description TEXT,
	indicator TEXT,
	target REAL,
	achieved REAL,
	working_group INTEGER,
	visibility TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	name_key TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX roadmap_action_by_sort ON roadmap_action (sort_key, id);
CREATE INDEX roadmap_action_by_axis ON roadmap_action (axis, sort_key, id);

-- The timeline of a record: which records name it, in which field.
CREATE INDEX record_value_by_target ON record_value (field, value, kind, record_id);

-- Every transition fired by the workflow engine: who, when, from, to,
-- why, and the history entry holding the record's version at that moment.
CREATE TABLE workflow_step (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	transition TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state TEXT NOT NULL,
	account_id INTEGER,
	actor TEXT NOT NULL,
	comment TEXT,
	history_id INTEGER,
	at TEXT NOT NULL
) STRICT;
CREATE INDEX workflow_step_by_record ON workflow_step (kind, record_id, id);

-- Who received a record sent by a transition (a validated note's
-- distribution list), one row per recipient.
CREATE TABLE distribution (
	id INTEGER PRIMARY KEY,
	step_id INTEGER NOT NULL REFERENCES workflow_step (id),
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	recipient_kind TEXT NOT NULL,  -- person or account
	recipient_id INTEGER NOT NULL,
	recipient_label TEXT NOT NULL,
	email TEXT,
	outbox_id INTEGER,             -- the mail, when one was sent
	at TEXT NOT NULL
) STRICT;
CREATE INDEX distribution_by_record ON distribution (kind, record_id, id);
CREATE INDEX distribution_by_recipient ON distribution (recipient_kind, recipient_id, id);

-- Files, by content: one row per distinct content (SHA-256), with the
-- type found in its bytes and the text extracted for search.
CREATE TABLE blob (
	sha256 TEXT PRIMARY KEY,
	size INTEGER NOT NULL,
	mime TEXT NOT NULL,
	data BLOB NOT NULL,
	text TEXT,
	created_at TEXT NOT NULL
) STRICT;

-- A file attached to a record, under the name it was given.
CREATE TABLE attachment (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	sha256 TEXT NOT NULL REFERENCES blob (sha256),
	filename TEXT NOT NULL,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	account_id INTEGER,
	created_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX attachment_by_record ON attachment (kind, record_id, id);
CREATE INDEX attachment_by_blob ON attachment (sha256);

-- A record passed to a colleague inside the team: when, by whom, and when
-- the colleague acknowledged it.
CREATE TABLE transmission (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	account_id INTEGER NOT NULL,
	sent_by INTEGER,
	sent_by_label TEXT NOT NULL,
	message TEXT,
	sent_at TEXT NOT NULL,
	acknowledged_at TEXT
) STRICT;
CREATE INDEX transmission_by_record ON transmission (kind, record_id, id);
CREATE INDEX transmission_pending ON transmission (account_id, acknowledged_at);

-- Secret calendar addresses: the token is shown once, only its hash kept.
CREATE TABLE calendar_feed (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	account_id INTEGER NOT NULL,   -- who made it; whose visibility applies
	team_id INTEGER,               -- NULL: the account's own calendar
	name TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at TEXT
) STRICT;
CREATE INDEX calendar_feed_by_account ON calendar_feed (account_id);

-- Mail waiting to be sent, and sent: digests and distributions.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	to_address TEXT NOT NULL,
	to_name TEXT,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	purpose TEXT NOT NULL,         -- digest, distribution
	created_at TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	last_error TEXT,
	sent_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (sent_at, id);

-- The days a digest was prepared, so that each goes out once.
CREATE TABLE digest_run (
	day TEXT PRIMARY KEY,
	at TEXT NOT NULL,
	mails INTEGER NOT NULL
) STRICT;
