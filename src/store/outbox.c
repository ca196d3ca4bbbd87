/*
 * outbox.c - mail waiting to leave, and the days a digest was prepared.
 * Mail is queued in the database in the transaction's wake and sent by
 * the mailer (domain/mailer.c) when an SMTP server is configured, so that
 * a slow or absent server never holds a page or a write.  See
 * store/activity.h.
 */
#include "store/activity.h"

#include <string.h>

#include "base/clock.h"
#include "store/store_internal.h"

struct add_ctx {
	const char *to, *name, *subject, *body, *purpose;
	int64_t id;
};

static int do_add(struct store *s, void *p)
{
	struct add_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, "INSERT INTO outbox (to_address, to_name, subject, body, purpose, created_at)"
						   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->to);
	db_bind_text(st, 2, c->name);
	db_bind_text(st, 3, c->subject);
	db_bind_text(st, 4, c->body);
	db_bind_text(st, 5, c->purpose);
	db_bind_text(st, 6, now);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	c->id = db_last_insert_id(s->writer);
	return rc;
}

int store_outbox_add(struct store *s, const char *to_address, const char *to_name, const char *subject,
		     const char *body, const char *purpose, int64_t *id)
{
	struct add_ctx c = {to_address, to_name, subject, body, purpose, 0};
	int rc = store_in_write(s, do_add, &c);
	if (rc == STORE_OK && id)
		*id = c.id;
	return rc;
}

int store_outbox_pending(struct store *s, struct arena *a, int max_attempts, int limit, struct outbox_mail **list,
			 size_t *count)
{
	*list = NULL;
	*count = 0;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT id, to_address, to_name, subject, body, purpose, attempts FROM outbox"
						 " WHERE sent_at IS NULL AND attempts < ?1 ORDER BY id LIMIT ?2") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, max_attempts);
	db_bind_int(st, 2, limit);
	*list = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof(**list));
	while (db_step(st) == DB_ROW) {
		struct outbox_mail *m = &(*list)[(*count)++];
		m->id = db_column_int(st, 0);
		m->to_address = arena_strdup(a, db_column_text(st, 1));
		m->to_name = db_column_is_null(st, 2) ? NULL : arena_strdup(a, db_column_text(st, 2));
		m->subject = arena_strdup(a, db_column_text(st, 3));
		m->body = arena_strdup(a, db_column_text(st, 4));
		m->purpose = arena_strdup(a, db_column_text(st, 5));
		m->attempts = (int)db_column_int(st, 6);
	}
	db_stmt_done(st);
	return STORE_OK;
}

struct done_ctx {
	int64_t id;
	const char *error;
};

static int do_done(struct store *s, void *p)
{
	struct done_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, c->error ? "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1"
							    : "UPDATE outbox SET attempts = attempts + 1, sent_at = ?2, last_error = NULL WHERE id = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->id);
	db_bind_text(st, 2, c->error ? c->error : now);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	return rc;
}

int store_outbox_done(struct store *s, int64_t id, const char *error)
{
	struct done_ctx c = {id, error};
	return store_in_write(s, do_done, &c);
}

struct digest_ctx {
	const char *day;
	long long mails; /* -1: claim the day */
	int claimed;
};

static int do_digest_day(struct store *s, void *p)
{
	struct digest_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, c->mails < 0 ? "INSERT INTO digest_run (day, at, mails) VALUES (?1, ?2, 0)"
								     " ON CONFLICT (day) DO NOTHING"
							       : "UPDATE digest_run SET mails = ?3 WHERE day = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->day);
	if (c->mails < 0)
		db_bind_text(st, 2, now);
	else
		db_bind_int(st, 3, c->mails);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	c->claimed = rc == STORE_OK && db_changes(s->writer) > 0;
	return rc;
}

int store_digest_claim(struct store *s, const char *day)
{
	struct digest_ctx c = {day, -1, 0};
	int rc = store_in_write(s, do_digest_day, &c);
	return rc == STORE_OK ? c.claimed : rc;
}

int store_digest_prepared(struct store *s, const char *day, size_t mails)
{
	struct digest_ctx c = {day, (long long)mails, 0};
	return store_in_write(s, do_digest_day, &c);
}

int store_digest_accounts(struct store *s, struct arena *a, struct digest_account **list, size_t *count)
{
	*list = NULL;
	*count = 0;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT id, email, display_name, language FROM account"
						 " WHERE deleted_at IS NULL AND coalesce(disabled, 0) = 0 AND email <> '' ORDER BY id") : NULL;
	if (!st)
		return STORE_ERROR;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		*list = arena_grow(a, *list, *count, &cap, sizeof(**list));
		struct digest_account *d = &(*list)[(*count)++];
		d->id = db_column_int(st, 0);
		d->email = arena_strdup(a, db_column_text(st, 1));
		d->name = arena_strdup(a, db_column_text(st, 2));
		d->language = arena_strdup(a, db_column_text(st, 3));
	}
	db_stmt_done(st);
	return STORE_OK;
}
