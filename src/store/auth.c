/* auth.c - see auth.h.  All writes go through store_in_write, so they
 * take the one write lock and one transaction each. */
#include "store/auth.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include <time.h>

struct auth_limits auth_limits_get(void)
{
	struct auth_limits l = {480, 168, 5, 30, 15};
	const char *e;
	if ((e = getenv("PASSERELLE_SESSION_IDLE_MINUTES")) && atoi(e) > 0)
		l.session_idle_minutes = atoi(e);
	if ((e = getenv("PASSERELLE_SESSION_MAX_HOURS")) && atoi(e) > 0)
		l.session_max_hours = atoi(e);
	if ((e = getenv("PASSERELLE_LOGIN_FAILURES")) && atoi(e) > 0)
		l.account_failures = atoi(e);
	return l;
}

struct viewer auth_viewer(const struct auth_account *acc, const char *origin, const char *address)
{
	struct viewer v = {.role = acc->role, .account_id = acc->id, .organization = acc->organization,
			   .label = acc->display_name, .origin = origin, .address = address};
	memcpy(v.teams, acc->teams, sizeof(v.teams));
	v.nteams = acc->nteams;
	return v;
}

/* Load an account (not deleted, not disabled) by id into out. */
static int load_account(struct db *db, struct arena *a, int64_t id, struct auth_account *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = db_prepare(db, "SELECT a.id, a.email, a.display_name, a.language, a.role, a.organization,"
					    " coalesce(c.must_change, 0), c.totp_secret IS NOT NULL"
					    " FROM account a LEFT JOIN credential c ON c.account_id = a.id"
					    " WHERE a.id = ?1 AND a.deleted_at IS NULL AND coalesce(a.disabled, 0) = 0");
	if (!st)
		return AUTH_ERROR;
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_column_int(st, 0);
		out->email = arena_strdup(a, db_column_text(st, 1));
		out->display_name = arena_strdup(a, db_column_text(st, 2));
		out->language = arena_strdup(a, db_column_text(st, 3));
		out->role = permission_role(db_column_text(st, 4));
		out->organization = db_column_int(st, 5);
		out->must_change = (int)db_column_int(st, 6);
		out->totp_enabled = (int)db_column_int(st, 7);
	}
	db_stmt_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? AUTH_BAD : AUTH_ERROR;
	st = db_prepare(db, "SELECT value FROM record_value WHERE kind = 'account' AND record_id = ?1 AND field = 'teams' ORDER BY pos");
	if (!st)
		return AUTH_ERROR;
	db_bind_int(st, 1, id);
	while (db_step(st) == DB_ROW && out->nteams < VIEWER_MAX_TEAMS)
		out->teams[out->nteams++] = db_column_int(st, 0);
	db_stmt_done(st);
	return AUTH_OK;
}

/* The id of the live account with this email, 0 when none. */
static int64_t account_id_by_email(struct db *db, const char *email)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM account WHERE lower(email) = lower(?1) AND deleted_at IS NULL");
	if (!st)
		return 0;
	db_bind_text(st, 1, email);
	int64_t id = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	db_stmt_done(st);
	return id;
}

int auth_account_by_email(struct store *s, struct arena *a, const char *email, struct auth_account *out)
{
	struct db *db = store_reader(s);
	if (!db)
		return AUTH_ERROR;
	int64_t id = account_id_by_email(db, email);
	return id ? load_account(db, a, id, out) : AUTH_BAD;
}

int auth_account_by_id(struct store *s, struct arena *a, int64_t id, struct auth_account *out)
{
	struct db *db = store_reader(s);
	return db ? load_account(db, a, id, out) : AUTH_ERROR;
}

int auth_has_accounts(struct store *s)
{
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT 1 FROM account WHERE deleted_at IS NULL LIMIT 1") : NULL;
	if (!st)
		return 0;
	int found = db_step(st) == DB_ROW;
	db_stmt_done(st);
	return found;
}

/* ---- throttling ---- */

struct throttle_ctx {
	const char *keys[2];
	int limits[2];
	int fail;        /* record a failure (1) or clear the account key (0) */
	int wait_minutes;
	int locked;
};

static int throttle_check(struct store *s, void *p)
{
	struct throttle_ctx *c = p;
	struct auth_limits l = auth_limits_get();
	char window_start[21];
	clock_iso(clock_now() - l.window_minutes * 60, window_start);
	for (int i = 0; i < 2; i++) {
		if (!c->keys[i])
			continue;
		struct db_stmt *st = db_prepare(store_writer(s), "SELECT failures, window_start FROM login_throttle WHERE key = ?1");
		if (!st)
			return STORE_ERROR;
		db_bind_text(st, 1, c->keys[i]);
		if (db_step(st) == DB_ROW && strcmp(db_column_text(st, 1), window_start) > 0 &&
		    db_column_int(st, 0) >= c->limits[i]) {
			c->locked = 1;
			/* Minutes left until the window that counted them ends. */
			struct tm tm = {0};
			const char *ws = db_column_text(st, 1);
			if (strptime(ws, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
				int64_t end = (int64_t)timegm(&tm) + l.window_minutes * 60;
				int left = (int)((end - clock_now() + 59) / 60);
				if (left > c->wait_minutes)
					c->wait_minutes = left;
			}
		}
		db_stmt_done(st);
	}
	if (c->wait_minutes < 1 && c->locked)
		c->wait_minutes = 1;
	return STORE_OK;
}

static int throttle_record(struct store *s, void *p)
{
	struct throttle_ctx *c = p;
	struct auth_limits l = auth_limits_get();
	char now[21], window_start[21];
	clock_now_iso(now);
	clock_iso(clock_now() - l.window_minutes * 60, window_start);
	for (int i = 0; i < 2; i++) {
		if (!c->keys[i] || (!c->fail && i == 1))
			continue;
		struct db_stmt *st;
		if (!c->fail) {
			st = db_prepare(store_writer(s), "DELETE FROM login_throttle WHERE key = ?1");
			if (!st)
				return STORE_ERROR;
			db_bind_text(st, 1, c->keys[i]);
		} else {
			/* A window that ended starts again at one failure. */
			st = db_prepare(store_writer(s),
					"INSERT INTO login_throttle (key, failures, window_start) VALUES (?1, 1, ?2)"
					" ON CONFLICT (key) DO UPDATE SET"
					" failures = CASE WHEN login_throttle.window_start > ?3 THEN login_throttle.failures + 1 ELSE 1 END,"
					" window_start = CASE WHEN login_throttle.window_start > ?3 THEN login_throttle.window_start ELSE ?2 END");
			if (!st)
				return STORE_ERROR;
			db_bind_text(st, 1, c->keys[i]);
			db_bind_text(st, 2, now);
			db_bind_text(st, 3, window_start);
		}
		int rc = db_step(st);
		db_stmt_done(st);
		if (rc != DB_DONE)
			return STORE_ERROR;
	}
	return STORE_OK;
}

static void throttle_keys(struct arena *a, struct throttle_ctx *c, const char *email, int64_t account_id,
			  const char *address)
{
	struct auth_limits l = auth_limits_get();
	char *lower = arena_strdup(a, email ? email : "");
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	c->keys[0] = email ? arena_printf(a, "account:%s", lower) : arena_printf(a, "account-id:%lld", (long long)account_id);
	c->keys[1] = arena_printf(a, "address:%s", address ? address : "unknown");
	c->limits[0] = l.account_failures;
	c->limits[1] = l.address_failures;
}

/* ---- sign-in ---- */

static const char *password_hash_of(struct db *db, struct arena *a, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT password_hash FROM credential WHERE account_id = ?1");
	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	const char *h = db_step(st) == DB_ROW ? arena_strdup(a, db_column_text(st, 0)) : NULL;
	db_stmt_done(st);
	return h;
}

int auth_login(struct store *s, struct arena *a, const char *email, const char *password, const char *address,
	       struct auth_account *out, int *wait_minutes)
{
	*wait_minutes = 0;
	struct db *db = store_reader(s);
	if (!db)
		return AUTH_ERROR;
	struct throttle_ctx t = {0};
	throttle_keys(a, &t, email, 0, address);
	if (store_in_write(s, throttle_check, &t) != STORE_OK)
		return AUTH_ERROR;
	if (t.locked) {
		*wait_minutes = t.wait_minutes;
		return AUTH_THROTTLED;
	}
	int64_t id = email ? account_id_by_email(db, email) : 0;
	const char *hash = id ? password_hash_of(db, a, id) : NULL;
	int ok;
	if (hash && *hash) {
		ok = crypto_password_verify(hash, password ? password : "");
	} else {
		crypto_password_dummy_verify(password ? password : "");
		ok = 0;
	}
	if (ok && load_account(db, a, id, out) != AUTH_OK)
		ok = 0; /* disabled or deleted: the same answer as a wrong password */
	t.fail = !ok;
	if (store_in_write(s, throttle_record, &t) != STORE_OK)
		return AUTH_ERROR;
	if (!ok)
		return AUTH_BAD;
	return out->totp_enabled ? AUTH_NEED_CODE : AUTH_OK;
}

struct code_ctx {
	int64_t account_id;
	const char *code;
	int ok;
};

static int check_code(struct store *s, void *p)
{
	struct code_ctx *c = p;
	struct db *db = store_writer(s);
	struct db_stmt *st = db_prepare(db, "SELECT totp_secret, totp_last_step FROM credential WHERE account_id = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->account_id);
	char secret[64] = "";
	int64_t last = 0;
	if (db_step(st) == DB_ROW && db_column_text(st, 0)) {
		snprintf(secret, sizeof(secret), "%s", db_column_text(st, 0));
		last = db_column_int(st, 1);
	}
	db_stmt_done(st);
	if (*secret && crypto_totp_verify(secret, c->code, clock_now(), &last) == 1) {
		st = db_prepare(db, "UPDATE credential SET totp_last_step = ?1 WHERE account_id = ?2");
		if (!st)
			return STORE_ERROR;
		db_bind_int(st, 1, last);
		db_bind_int(st, 2, c->account_id);
		int rc = db_step(st);
		db_stmt_done(st);
		c->ok = rc == DB_DONE;
		return rc == DB_DONE ? STORE_OK : STORE_ERROR;
	}
	/* A recovery code, used once.  Its canonical form is XXXXX-XXXXX. */
	char normal[CRYPTO_RECOVERY_SIZE] = "";
	size_t n = 0;
	for (const char *q = c->code; *q && n < CRYPTO_RECOVERY_SIZE - 1; q++) {
		if (*q == ' ' || *q == '-')
			continue;
		if (n == 5)
			normal[n++] = '-';
		normal[n++] = (*q >= 'a' && *q <= 'z') ? (char)(*q - 'a' + 'A') : *q;
	}
	normal[n] = '\0';
	if (n != CRYPTO_RECOVERY_SIZE - 1)
		return STORE_OK;
	/* Recovery codes are hashed like passwords (they are short): try each
	 * unused one. */
	st = db_prepare(db, "SELECT code_hash FROM recovery_code WHERE account_id = ?1 AND used_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->account_id);
	char match[CRYPTO_PASSWORD_HASH_SIZE] = "";
	while (!*match && db_step(st) == DB_ROW)
		if (crypto_password_verify(db_column_text(st, 0), normal) == 1)
			snprintf(match, sizeof(match), "%s", db_column_text(st, 0));
	db_stmt_done(st);
	if (!*match)
		return STORE_OK;
	char now[21];
	clock_now_iso(now);
	st = db_prepare(db, "UPDATE recovery_code SET used_at = ?1 WHERE account_id = ?2 AND code_hash = ?3 AND used_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->account_id);
	db_bind_text(st, 3, match);
	int rc = db_step(st);
	db_stmt_done(st);
	c->ok = rc == DB_DONE && db_changes(db) == 1;
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_login_code(struct store *s, int64_t account_id, const char *code, const char *address, int *wait_minutes)
{
	struct arena a = ARENA_INIT;
	struct throttle_ctx t = {0};
	throttle_keys(&a, &t, NULL, account_id, address);
	int rc = store_in_write(s, throttle_check, &t);
	if (rc == STORE_OK && t.locked) {
		*wait_minutes = t.wait_minutes;
		arena_release(&a);
		return AUTH_THROTTLED;
	}
	struct code_ctx c = {account_id, code ? code : "", 0};
	if (rc == STORE_OK)
		rc = store_in_write(s, check_code, &c);
	t.fail = !c.ok;
	if (rc == STORE_OK)
		rc = store_in_write(s, throttle_record, &t);
	arena_release(&a);
	if (rc != STORE_OK)
		return AUTH_ERROR;
	return c.ok ? AUTH_OK : AUTH_BAD;
}

/* ---- sessions ---- */

struct session_ctx {
	int64_t account_id;
	const char *address;
	const char *token_hash;
	const char *csrf;
	int all;
};

static int session_insert(struct store *s, void *p)
{
	struct session_ctx *c = p;
	struct auth_limits l = auth_limits_get();
	char now[21], expires[21];
	clock_now_iso(now);
	clock_iso(clock_now() + (int64_t)l.session_max_hours * 3600, expires);
	struct db_stmt *st = db_prepare(store_writer(s), "INSERT INTO session (token_hash, account_id, csrf_token, created_at,"
							 " last_seen_at, expires_at, address) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->token_hash);
	db_bind_int(st, 2, c->account_id);
	db_bind_text(st, 3, c->csrf);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, expires);
	db_bind_text(st, 6, c->address);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_session_create(struct store *s, int64_t account_id, const char *address, char token[CRYPTO_TOKEN_SIZE],
			char csrf[CRYPTO_TOKEN_SIZE])
{
	char hash[CRYPTO_SHA256_HEX_SIZE];
	crypto_random_token(token);
	crypto_random_token(csrf);
	crypto_token_hash(token, hash);
	struct session_ctx c = {.account_id = account_id, .address = address, .token_hash = hash, .csrf = csrf};
	return store_in_write(s, session_insert, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

static int session_touch(struct store *s, void *p)
{
	struct session_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s), "UPDATE session SET last_seen_at = ?1 WHERE token_hash = ?2");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, c->token_hash);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_session_account(struct store *s, struct arena *a, const char *token, struct auth_account *out,
			 char csrf[CRYPTO_TOKEN_SIZE])
{
	struct db *db = store_reader(s);
	if (!db || !token)
		return AUTH_ERROR;
	struct auth_limits l = auth_limits_get();
	char hash[CRYPTO_SHA256_HEX_SIZE], now[21], idle_limit[21], touch_limit[21];
	crypto_token_hash(token, hash);
	clock_now_iso(now);
	clock_iso(clock_now() - (int64_t)l.session_idle_minutes * 60, idle_limit);
	clock_iso(clock_now() - 300, touch_limit);
	struct db_stmt *st = db_prepare(db, "SELECT account_id, csrf_token, last_seen_at FROM session"
					    " WHERE token_hash = ?1 AND expires_at > ?2 AND last_seen_at > ?3");
	if (!st)
		return AUTH_ERROR;
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, idle_limit);
	int64_t account = 0;
	int stale = 0;
	if (db_step(st) == DB_ROW) {
		account = db_column_int(st, 0);
		snprintf(csrf, CRYPTO_TOKEN_SIZE, "%s", db_column_text(st, 1));
		stale = strcmp(db_column_text(st, 2), touch_limit) < 0;
	}
	db_stmt_done(st);
	if (!account)
		return AUTH_BAD;
	int rc = load_account(db, a, account, out);
	if (rc == AUTH_OK && stale) {
		/* Idle time is counted from the last request, written at most
		 * every five minutes so that reading stays read-only. */
		struct session_ctx c = {.token_hash = hash};
		store_in_write(s, session_touch, &c);
	}
	return rc;
}

static int session_delete(struct store *s, void *p)
{
	struct session_ctx *c = p;
	struct db_stmt *st = db_prepare(store_writer(s), c->all ? "DELETE FROM session WHERE account_id = ?1"
								  : "DELETE FROM session WHERE token_hash = ?2");
	if (!st)
		return STORE_ERROR;
	if (c->all)
		db_bind_int(st, 1, c->account_id);
	else
		db_bind_text(st, 2, c->token_hash);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_session_end(struct store *s, const char *token)
{
	char hash[CRYPTO_SHA256_HEX_SIZE];
	crypto_token_hash(token, hash);
	struct session_ctx c = {.token_hash = hash};
	return store_in_write(s, session_delete, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

int auth_sessions_end_all(struct store *s, int64_t account_id)
{
	struct session_ctx c = {.account_id = account_id, .all = 1};
	return store_in_write(s, session_delete, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

/* ---- pending sign-ins (second factor) ---- */

static int pending_insert(struct store *s, void *p)
{
	struct session_ctx *c = p;
	char expires[21];
	clock_iso(clock_now() + 300, expires);
	struct db_stmt *st = db_prepare(store_writer(s), "INSERT INTO login_pending (token_hash, account_id, expires_at) VALUES (?1, ?2, ?3)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->token_hash);
	db_bind_int(st, 2, c->account_id);
	db_bind_text(st, 3, expires);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_pending_create(struct store *s, int64_t account_id, char token[CRYPTO_TOKEN_SIZE])
{
	char hash[CRYPTO_SHA256_HEX_SIZE];
	crypto_random_token(token);
	crypto_token_hash(token, hash);
	struct session_ctx c = {.account_id = account_id, .token_hash = hash};
	return store_in_write(s, pending_insert, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

static int pending_take(struct store *s, void *p)
{
	struct session_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db *db = store_writer(s);
	struct db_stmt *st = db_prepare(db, "SELECT account_id FROM login_pending WHERE token_hash = ?1 AND expires_at > ?2");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->token_hash);
	db_bind_text(st, 2, now);
	c->account_id = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	db_stmt_done(st);
	/* Pending sign-ins are kept for a few minutes only. */
	st = db_prepare(db, "DELETE FROM login_pending WHERE token_hash = ?1 OR expires_at <= ?2");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->token_hash);
	db_bind_text(st, 2, now);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_pending_take(struct store *s, const char *token, int64_t *account_id)
{
	char hash[CRYPTO_SHA256_HEX_SIZE];
	crypto_token_hash(token ? token : "", hash);
	struct session_ctx c = {.token_hash = hash};
	if (store_in_write(s, pending_take, &c) != STORE_OK)
		return AUTH_ERROR;
	*account_id = c.account_id;
	return c.account_id ? AUTH_OK : AUTH_BAD;
}

/* ---- passwords ---- */

struct password_ctx {
	int64_t account_id;
	const char *hash;
	int must_change;
};

static int password_store(struct store *s, void *p)
{
	struct password_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s),
		"INSERT INTO credential (account_id, password_hash, must_change, updated_at) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (account_id) DO UPDATE SET password_hash = ?2, must_change = ?3, updated_at = ?4");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->account_id);
	db_bind_text(st, 2, c->hash);
	db_bind_int(st, 3, c->must_change);
	db_bind_text(st, 4, now);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_set_password(struct store *s, int64_t account_id, const char *password, int must_change)
{
	char hash[CRYPTO_PASSWORD_HASH_SIZE];
	if (crypto_password_hash(password, hash) != 0)
		return AUTH_ERROR;
	struct password_ctx c = {account_id, hash, must_change};
	int rc = store_in_write(s, password_store, &c);
	return rc == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

int auth_check_password(struct store *s, int64_t account_id, const char *password)
{
	struct arena a = ARENA_INIT;
	struct db *db = store_reader(s);
	const char *hash = db ? password_hash_of(db, &a, account_id) : NULL;
	int ok = hash && *hash && crypto_password_verify(hash, password ? password : "");
	if (!hash)
		crypto_password_dummy_verify(password ? password : "");
	arena_release(&a);
	return ok ? AUTH_OK : AUTH_BAD;
}

/* ---- API tokens ---- */

struct token_ctx {
	int64_t account_id;
	int64_t token_id;
	const char *name;
	const char *hash;
};

static int token_insert(struct store *s, void *p)
{
	struct token_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s), "INSERT INTO api_token (account_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->account_id);
	db_bind_text(st, 2, c->name);
	db_bind_text(st, 3, c->hash);
	db_bind_text(st, 4, now);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_token_create(struct store *s, int64_t account_id, const char *name, char token[CRYPTO_TOKEN_SIZE])
{
	char hash[CRYPTO_SHA256_HEX_SIZE];
	crypto_random_token(token);
	crypto_token_hash(token, hash);
	struct token_ctx c = {.account_id = account_id, .name = name, .hash = hash};
	return store_in_write(s, token_insert, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

int auth_token_list(struct store *s, struct arena *a, int64_t account_id, struct auth_token **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT id, name, created_at, last_used_at, revoked_at FROM api_token"
						 " WHERE account_id = ?1 ORDER BY id DESC LIMIT 100") : NULL;
	if (!st)
		return AUTH_ERROR;
	db_bind_int(st, 1, account_id);
	*out = arena_alloc(a, 100 * sizeof(**out));
	while (db_step(st) == DB_ROW && *count < 100) {
		struct auth_token *t = &(*out)[(*count)++];
		t->id = db_column_int(st, 0);
		t->name = arena_strdup(a, db_column_text(st, 1));
		t->created_at = arena_strdup(a, db_column_text(st, 2));
		t->last_used_at = arena_strdup(a, db_column_text(st, 3));
		t->revoked_at = arena_strdup(a, db_column_text(st, 4));
	}
	db_stmt_done(st);
	return AUTH_OK;
}

static int token_revoke(struct store *s, void *p)
{
	struct token_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s), "UPDATE api_token SET revoked_at = ?1 WHERE id = ?2 AND account_id = ?3 AND revoked_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->token_id);
	db_bind_int(st, 3, c->account_id);
	int rc = db_step(st);
	db_stmt_done(st);
	if (rc != DB_DONE)
		return STORE_ERROR;
	return db_changes(store_writer(s)) == 1 ? STORE_OK : STORE_NOT_FOUND;
}

int auth_token_revoke(struct store *s, int64_t account_id, int64_t token_id)
{
	struct token_ctx c = {.account_id = account_id, .token_id = token_id};
	int rc = store_in_write(s, token_revoke, &c);
	return rc == STORE_OK ? AUTH_OK : rc == STORE_NOT_FOUND ? AUTH_BAD : AUTH_ERROR;
}

static int token_used(struct store *s, void *p)
{
	struct token_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s), "UPDATE api_token SET last_used_at = ?1 WHERE id = ?2");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->token_id);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int auth_token_account(struct store *s, struct arena *a, const char *token, struct auth_account *out)
{
	struct db *db = store_reader(s);
	if (!db)
		return AUTH_ERROR;
	char hash[CRYPTO_SHA256_HEX_SIZE], recent[21];
	crypto_token_hash(token, hash);
	clock_iso(clock_now() - 300, recent);
	struct db_stmt *st = db_prepare(db, "SELECT id, account_id, coalesce(last_used_at, '') FROM api_token WHERE token_hash = ?1 AND revoked_at IS NULL");
	if (!st)
		return AUTH_ERROR;
	db_bind_text(st, 1, hash);
	int64_t id = 0, account = 0;
	int stale = 0;
	if (db_step(st) == DB_ROW) {
		id = db_column_int(st, 0);
		account = db_column_int(st, 1);
		stale = strcmp(db_column_text(st, 2), recent) < 0;
	}
	db_stmt_done(st);
	if (!account)
		return AUTH_BAD;
	int rc = load_account(db, a, account, out);
	if (rc == AUTH_OK && stale) {
		struct token_ctx c = {.token_id = id};
		store_in_write(s, token_used, &c);
	}
	return rc;
}

/* ---- second factor ---- */

struct totp_ctx {
	int64_t account_id;
	const char *secret;
	int64_t step;
	char (*codes)[CRYPTO_RECOVERY_SIZE];
};

static int totp_store(struct store *s, void *p)
{
	struct totp_ctx *c = p;
	struct db *db = store_writer(s);
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "UPDATE credential SET totp_secret = ?1, totp_last_step = ?2, updated_at = ?3 WHERE account_id = ?4");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->secret);
	db_bind_int(st, 2, c->step);
	db_bind_text(st, 3, now);
	db_bind_int(st, 4, c->account_id);
	int rc = db_step(st);
	db_stmt_done(st);
	/* Turning on needs a password set first; turning off what is not on
	 * is nothing to do. */
	if (rc != DB_DONE || (c->secret && db_changes(db) != 1))
		return STORE_ERROR;
	st = db_prepare(db, "DELETE FROM recovery_code WHERE account_id = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->account_id);
	rc = db_step(st);
	db_stmt_done(st);
	if (rc != DB_DONE)
		return STORE_ERROR;
	for (int i = 0; c->codes && i < 10; i++) {
		char plain[CRYPTO_RECOVERY_SIZE], hash[CRYPTO_PASSWORD_HASH_SIZE];
		crypto_recovery_code(plain);
		if (crypto_password_hash(plain, hash) != 0)
			return STORE_ERROR;
		snprintf(c->codes[i], CRYPTO_RECOVERY_SIZE, "%s", plain);
		st = db_prepare(db, "INSERT INTO recovery_code (account_id, code_hash) VALUES (?1, ?2)");
		if (!st)
			return STORE_ERROR;
		db_bind_int(st, 1, c->account_id);
		db_bind_text(st, 2, hash);
		rc = db_step(st);
		db_stmt_done(st);
		if (rc != DB_DONE)
			return STORE_ERROR;
	}
	return STORE_OK;
}

int auth_totp_enable(struct store *s, int64_t account_id, const char *secret, const char *code,
		     char codes[10][CRYPTO_RECOVERY_SIZE])
{
	int64_t step = -1;
	if (crypto_totp_verify(secret, code, clock_now(), &step) != 1)
		return AUTH_BAD;
	struct totp_ctx c = {account_id, secret, step, codes};
	return store_in_write(s, totp_store, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}

int auth_totp_disable(struct store *s, int64_t account_id)
{
	struct totp_ctx c = {account_id, NULL, 0, NULL};
	return store_in_write(s, totp_store, &c) == STORE_OK ? AUTH_OK : AUTH_ERROR;
}
