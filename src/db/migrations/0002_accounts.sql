-- 0002: accounts, teams, sessions, API tokens, login throttling, and the
-- tamper-evident history of every change.

CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL,
	organization INTEGER REFERENCES organization (id),
	language TEXT NOT NULL,
	disabled INTEGER,
	sort_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX account_by_email ON account (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX account_by_sort ON account (sort_key, id);

CREATE TABLE team (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	description TEXT,
	sort_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	deleted_at TEXT
) STRICT;
CREATE INDEX team_by_sort ON team (sort_key, id);

-- Secrets: never shown, never exported, written by store/auth.c only.
CREATE TABLE credential (
	account_id INTEGER PRIMARY KEY REFERENCES account (id),
	password_hash TEXT,          -- argon2id
	must_change INTEGER NOT NULL DEFAULT 0,
	totp_secret TEXT,            -- base32; second factor on when set
	totp_last_step INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE recovery_code (
	account_id INTEGER NOT NULL REFERENCES account (id),
	code_hash TEXT NOT NULL,     -- SHA-256 of the code
	used_at TEXT,
	PRIMARY KEY (account_id, code_hash)
) STRICT;

CREATE TABLE session (
	token_hash TEXT PRIMARY KEY, -- SHA-256 of the cookie's token
	account_id INTEGER NOT NULL REFERENCES account (id),
	csrf_token TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,    -- absolute expiry
	address TEXT
) STRICT;
CREATE INDEX session_by_account ON session (account_id);

-- A password checked, waiting for the second factor (five minutes).
CREATE TABLE login_pending (
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id),
	expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at TEXT
) STRICT;
CREATE INDEX api_token_by_account ON api_token (account_id);

-- Failed sign-ins per account name and per address, in a sliding window.
CREATE TABLE login_throttle (
	key TEXT PRIMARY KEY,        -- "account:<email>" or "address:<ip>"
	failures INTEGER NOT NULL,
	window_start TEXT NOT NULL
) STRICT;

-- Every create, update, delete, restore, erasure and workflow step.  Each
-- entry's hash covers the previous entry's hash, so any change to the past
-- breaks the chain (passerelle audit verify).  Values are kept in
-- `changes` (JSON) with a salted hash of each, so that erasing a person's
-- values keeps the chain verifiable.
CREATE TABLE history (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	account_id INTEGER,
	actor TEXT NOT NULL,         -- name of the account, or "system"
	origin TEXT NOT NULL,        -- web, api, import, cli, demo
	address TEXT,
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	action TEXT NOT NULL,        -- create, update, delete, restore, erase, ...
	changes TEXT NOT NULL,       -- {"field": {"old": ..., "new": ..., "old_h": "...", "new_h": "..."}}
	salt TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
) STRICT;
CREATE INDEX history_by_record ON history (kind, record_id, id);
CREATE INDEX history_by_account ON history (account_id, id);
