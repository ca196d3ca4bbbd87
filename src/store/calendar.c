/*
 * calendar.c - secret calendar addresses and what a feed holds.  A feed
 * belongs to the account that made it and shows what that account may
 * see, nothing more, whoever holds the address; revoking it (or disabling
 * the account) closes it.  See store/activity.h.
 */
#include "store/activity.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"
#include "store/store_internal.h"

struct feed_ctx {
	const struct viewer *v;
	int64_t team_id;
	const char *name;
	char *token;
	int64_t id;
};

static int do_create(struct store *s, void *p)
{
	struct feed_ctx *c = p;
	char hash[CRYPTO_SHA256_HEX_SIZE], now[21];
	crypto_random_token(c->token);
	crypto_token_hash(c->token, hash);
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, "INSERT INTO calendar_feed (token_hash, account_id, team_id, name, created_at)"
						   " VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, c->v->account_id);
	if (c->team_id)
		db_bind_int(st, 3, c->team_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, c->name);
	db_bind_text(st, 5, now);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	c->id = db_last_insert_id(s->writer);
	return rc;
}

int store_calendar_feed_create(struct store *s, const struct viewer *v, int64_t team_id, const char *name,
			       char token[44], int64_t *id, struct field_errors *errors)
{
	if (!v->account_id)
		return STORE_FORBIDDEN;
	size_t n = name ? strlen(name) : 0;
	if (n == 0)
		field_errors_add(errors, "name", N_("This field is required."), NULL);
	else if (!text_utf8_valid(name, n, NULL) || text_has_control(name, n))
		field_errors_add(errors, "name", N_("This text holds control characters."), NULL);
	else if (text_length(name) > 100)
		field_errors_add(errors, "name", N_("Too long: at most {} characters."), "100");
	int member = team_id == 0;
	for (size_t i = 0; i < v->nteams && !member; i++)
		member = v->teams[i] == team_id;
	if (!member)
		field_errors_add(errors, "team", N_("You are not a member of this team."), NULL);
	if (errors->count)
		return STORE_INVALID;
	struct feed_ctx c = {v, team_id, name, token, 0};
	int rc = store_in_write(s, do_create, &c);
	if (rc == STORE_OK && id)
		*id = c.id;
	return rc;
}

#define FEED_COLUMNS "SELECT id, account_id, coalesce(team_id, 0), name, created_at, last_used_at, revoked_at FROM calendar_feed "

static void read_feed(struct arena *a, struct db_stmt *st, struct calendar_feed *f)
{
	f->id = db_column_int(st, 0);
	f->account_id = db_column_int(st, 1);
	f->team_id = db_column_int(st, 2);
	f->name = arena_strdup(a, db_column_text(st, 3));
	f->created_at = arena_strdup(a, db_column_text(st, 4));
	f->last_used_at = db_column_is_null(st, 5) ? NULL : arena_strdup(a, db_column_text(st, 5));
	f->revoked_at = db_column_is_null(st, 6) ? NULL : arena_strdup(a, db_column_text(st, 6));
}

int store_calendar_feeds(struct store *s, struct arena *a, const struct viewer *v, struct calendar_feed **list,
			 size_t *count)
{
	*list = NULL;
	*count = 0;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, FEED_COLUMNS "WHERE account_id = ?1 ORDER BY id") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, v->account_id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		*list = arena_grow(a, *list, *count, &cap, sizeof(**list));
		read_feed(a, st, &(*list)[(*count)++]);
	}
	db_stmt_done(st);
	return STORE_OK;
}

struct revoke_ctx {
	const struct viewer *v;
	int64_t id;
};

static int do_revoke(struct store *s, void *p)
{
	struct revoke_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, "UPDATE calendar_feed SET revoked_at = ?1"
						   " WHERE id = ?2 AND account_id = ?3 AND revoked_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->id);
	db_bind_int(st, 3, c->v->account_id);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	return rc == STORE_OK && db_changes(s->writer) == 0 ? STORE_NOT_FOUND : rc;
}

int store_calendar_feed_revoke(struct store *s, const struct viewer *v, int64_t id)
{
	struct revoke_ctx c = {v, id};
	return store_in_write(s, do_revoke, &c);
}

struct use_ctx {
	int64_t id;
};

static int do_mark_used(struct store *s, void *p)
{
	struct use_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(s->writer, "UPDATE calendar_feed SET last_used_at = ?1 WHERE id = ?2");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->id);
	int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	return rc;
}

int store_calendar_feed_open(struct store *s, struct arena *a, const char *token, struct calendar_feed *out)
{
	if (!token || strlen(token) != 43)
		return STORE_NOT_FOUND;
	char hash[CRYPTO_SHA256_HEX_SIZE];
	crypto_token_hash(token, hash);
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, FEED_COLUMNS "WHERE token_hash = ?1 AND revoked_at IS NULL") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, hash);
	int found = db_step(st) == DB_ROW;
	if (found)
		read_feed(a, st, out);
	db_stmt_done(st);
	if (!found)
		return STORE_NOT_FOUND;
	struct use_ctx c = {out->id};
	store_in_write(s, do_mark_used, &c); /* a failure to note the use does not close the feed */
	return STORE_OK;
}

int store_calendar_records(struct store *s, struct arena *a, const struct viewer *v, int64_t account, int64_t team,
			   const char *since, struct record ***items, size_t *count)
{
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	/* The accounts whose calendar it is: one, or the team's members.
	 * record_value holds ids as text: the participants are compared as
	 * text, so that the index on (field, value) finds them (a CAST of the
	 * column read every participant of every interaction). */
	struct buf who = BUF_INIT, who_text = BUF_INIT;
	struct sql_params p = {0};
	if (team) {
		int param = sql_param(&p, arena_printf(a, "%lld", (long long)team));
		buf_printf(&who, "SELECT record_id FROM record_value WHERE kind = 'account' AND field = 'teams' AND value = ?%d", param);
		buf_printf(&who_text, "SELECT CAST(record_id AS TEXT) FROM record_value WHERE kind = 'account' AND field = 'teams'"
				      " AND value = ?%d", param);
	} else {
		int param = sql_param(&p, arena_printf(a, "%lld", (long long)account));
		buf_printf(&who, "SELECT ?%d", param);
		buf_printf(&who_text, "SELECT ?%d", param);
	}
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT t.id FROM interaction t WHERE t.deleted_at IS NULL AND t.starts_at >= ?%d AND t.id IN ("
			 "SELECT record_id FROM record_value WHERE field = 'participants' AND value IN (%s) AND kind = 'interaction')",
		   sql_param(&p, since), buf_str(&who_text));
	store_visibility_sql(v, &model_interaction, "t", &sql, &p, a);
	/* A calendar keeps at most 2,000 of each: those nearest to today,
	 * before or after, so that a busy team's coming weeks are never cut
	 * for its past ones. */
	char today[11];
	clock_today(today);
	int today_param = sql_param(&p, today);
	buf_printf(&sql, " ORDER BY abs(julianday(substr(t.starts_at, 1, 10)) - julianday(?%d)), t.id", today_param);
	struct record **meetings = NULL, **followups = NULL;
	size_t nmeetings = 0, nfollowups = 0;
	int rc = store_records_by_sql(s, db, a, v, &model_interaction, buf_str(&sql), &p, 2000, &meetings, &nmeetings);
	buf_reset(&sql);
	if (rc == STORE_OK) {
		buf_printf(&sql, "SELECT t.id FROM followup t WHERE t.deleted_at IS NULL AND t.status IN ('open', 'in_progress')"
				 " AND t.owner IN (%s)", buf_str(&who));
		store_visibility_sql(v, &model_followup, "t", &sql, &p, a);
		buf_printf(&sql, " ORDER BY abs(julianday(t.due_date) - julianday(?%d)), t.id", today_param);
		rc = store_records_by_sql(s, db, a, v, &model_followup, buf_str(&sql), &p, 2000, &followups, &nfollowups);
	}
	buf_release(&sql);
	buf_release(&who);
	buf_release(&who_text);
	*count = nmeetings + nfollowups;
	*items = arena_alloc(a, (*count + 1) * sizeof(**items));
	if (nmeetings)
		memcpy(*items, meetings, nmeetings * sizeof(**items));
	if (nfollowups)
		memcpy(*items + nmeetings, followups, nfollowups * sizeof(**items));
	return rc;
}
