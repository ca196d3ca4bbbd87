/*
 * transmissions.c - a record passed to colleagues inside the team (a
 * letter received from the OECS sent on to the officer who follows the
 * file), and their acknowledgement.  See store/activity.h.
 */
#include "store/activity.h"

#include <string.h>

#include "base/clock.h"
#include "store/auth.h"
#include "store/store_internal.h"

struct transmit_ctx {
	struct arena *a;
	const struct viewer *v;
	const struct kind *k;
	int64_t id;
	const int64_t *accounts;
	size_t naccounts;
	const char *message;
	struct field_errors *errors;
};

static int do_transmit(struct store *s, void *p)
{
	struct transmit_ctx *c = p;
	struct db *db = s->writer;
	struct record *r;
	int rc = store_read_record(s, db, c->a, c->v, c->k, c->id, 0, &r);
	if (rc != STORE_OK)
		return rc;
	if (!store_viewer_is_team(c->v) || !store_may_write(s, db, c->v, r, ACT_UPDATE))
		return STORE_FORBIDDEN;
	size_t before = c->errors->count;
	if (c->naccounts == 0)
		field_errors_add(c->errors, "accounts", N_("Choose at least one colleague."), NULL);
	if (c->message && strlen(c->message) > 2000)
		field_errors_add(c->errors, "message", N_("Too long: at most {} characters."), "2000");
	const char **labels = arena_alloc(c->a, (c->naccounts + 1) * sizeof(*labels));
	for (size_t i = 0; i < c->naccounts; i++) {
		struct auth_account acc;
		struct record *seen;
		if (auth_account_by_id(s, c->a, c->accounts[i], &acc) != AUTH_OK) {
			field_errors_add(c->errors, "accounts", N_("No such record: {}."), arena_printf(c->a, "%lld", (long long)c->accounts[i]));
			continue;
		}
		struct viewer them = auth_viewer(&acc, "web", NULL);
		if (store_read_record(s, db, c->a, &them, c->k, c->id, 0, &seen) != STORE_OK) {
			field_errors_add(c->errors, "accounts", N_("{} may not see this record."), acc.display_name);
			continue;
		}
		labels[i] = acc.display_name;
	}
	if (c->errors->count > before)
		return STORE_INVALID;
	char now[21];
	clock_now_iso(now);
	for (size_t i = 0; i < c->naccounts && rc == STORE_OK; i++) {
		struct db_stmt *st = db_prepare(db, "INSERT INTO transmission (kind, record_id, account_id, sent_by, sent_by_label,"
						    " message, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
		if (!st)
			return STORE_ERROR;
		db_bind_text(st, 1, c->k->name);
		db_bind_int(st, 2, c->id);
		db_bind_int(st, 3, c->accounts[i]);
		if (c->v->account_id)
			db_bind_int(st, 4, c->v->account_id);
		else
			db_bind_null(st, 4);
		db_bind_text(st, 5, c->v->label ? c->v->label : "system");
		db_bind_text(st, 6, c->message && *c->message ? c->message : NULL);
		db_bind_text(st, 7, now);
		rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
		db_stmt_done(st);
		if (rc == STORE_OK)
			rc = store_history_append(s, db, c->v, c->k, c->id, arena_printf(c->a, "transmit %s", labels[i]), NULL, NULL);
	}
	return rc;
}

int store_transmit(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		   const int64_t *accounts, size_t naccounts, const char *message, struct field_errors *errors)
{
	struct transmit_ctx c = {a, v, k, id, accounts, naccounts, message, errors};
	return store_in_write(s, do_transmit, &c);
}

#define TRANSMISSION_COLUMNS \
	"SELECT t.id, t.kind, t.record_id, t.account_id, a.display_name, t.sent_by_label, t.message, t.sent_at," \
	" t.acknowledged_at FROM transmission t JOIN account a ON a.id = t.account_id "

/* Read the rows of st, keeping those whose record v may see (with its
 * title). */
static int read_rows(struct store *s, struct db *db, struct arena *a, const struct viewer *v, struct db_stmt *st,
		     int limit, struct transmission **list, size_t *count)
{
	size_t cap = 0;
	*list = NULL;
	*count = 0;
	while (db_step(st) == DB_ROW && (limit <= 0 || *count < (size_t)limit)) {
		const struct kind *k = model_kind(db_column_text(st, 1));
		struct record *r;
		if (!k || store_read_record(s, db, a, v, k, db_column_int(st, 2), 0, &r) != STORE_OK)
			continue;
		*list = arena_grow(a, *list, *count, &cap, sizeof(**list));
		struct transmission *t = &(*list)[(*count)++];
		t->id = db_column_int(st, 0);
		t->kind = k->name;
		t->record_id = r->id;
		t->title = record_title(r);
		t->account_id = db_column_int(st, 3);
		t->account_label = arena_strdup(a, db_column_text(st, 4));
		t->sent_by_label = arena_strdup(a, db_column_text(st, 5));
		t->message = db_column_is_null(st, 6) ? NULL : arena_strdup(a, db_column_text(st, 6));
		t->sent_at = arena_strdup(a, db_column_text(st, 7));
		t->acknowledged_at = db_column_is_null(st, 8) ? NULL : arena_strdup(a, db_column_text(st, 8));
	}
	db_stmt_done(st);
	return STORE_OK;
}

int store_transmissions(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			struct transmission **list, size_t *count)
{
	*list = NULL;
	*count = 0;
	if (!store_viewer_is_team(v))
		return STORE_FORBIDDEN;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, TRANSMISSION_COLUMNS "WHERE t.kind = ?1 AND t.record_id = ?2 ORDER BY t.id") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	return read_rows(s, db, a, v, st, 0, list, count);
}

int store_to_acknowledge(struct store *s, struct arena *a, const struct viewer *v, int limit,
			 struct transmission **list, size_t *count)
{
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, TRANSMISSION_COLUMNS "WHERE t.account_id = ?1 AND t.acknowledged_at IS NULL ORDER BY t.id") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, v->account_id);
	return read_rows(s, db, a, v, st, limit, list, count);
}

struct ack_ctx {
	const struct viewer *v;
	int64_t id;
	const struct kind *k; /* with record_id: every transmission of that record */
	int64_t record_id;
};

static int do_acknowledge(struct store *s, void *p)
{
	struct ack_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, c->k ? "UPDATE transmission SET acknowledged_at = ?1"
							   " WHERE kind = ?4 AND record_id = ?2 AND account_id = ?3 AND acknowledged_at IS NULL"
							 : "UPDATE transmission SET acknowledged_at = ?1"
							   " WHERE id = ?2 AND account_id = ?3 AND acknowledged_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->k ? c->record_id : c->id);
	db_bind_int(st, 3, c->v->account_id);
	if (c->k)
		db_bind_text(st, 4, c->k->name);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	if (rc == STORE_OK && db_changes(s->writer) == 0)
		rc = STORE_NOT_FOUND;
	return rc;
}

int store_acknowledge(struct store *s, const struct viewer *v, int64_t id)
{
	struct ack_ctx c = {v, id, NULL, 0};
	return store_in_write(s, do_acknowledge, &c);
}

int store_acknowledge_record(struct store *s, const struct viewer *v, const struct kind *k, int64_t id)
{
	struct ack_ctx c = {v, 0, k, id};
	return store_in_write(s, do_acknowledge, &c);
}
