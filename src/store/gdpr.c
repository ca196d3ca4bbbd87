/* gdpr.c - see gdpr.h. */
#include "store/gdpr.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/clock.h"

int gdpr_retention_years(void)
{
	const char *e = getenv("PASSERELLE_RETENTION_YEARS");
	return e && atoi(e) > 0 ? atoi(e) : 3;
}

int gdpr_stale_people(struct store *s, struct arena *a, const struct viewer *v, const char *before, int limit,
		      struct record ***out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct sql_params *p = arena_alloc(a, sizeof(*p));
	struct buf sql = BUF_INIT;
	int pb = sql_param(p, before);
	buf_printf(&sql, "SELECT %s FROM person t WHERE t.deleted_at IS NULL AND t.updated_at < ?%d"
			 " AND NOT EXISTS (SELECT 1 FROM position pos WHERE pos.person = t.id AND pos.updated_at >= ?%d)",
		   s->sql[model_person.index].columns, pb, pb);
	store_visibility_sql(v, &model_person, "t", &sql, p, a);
	buf_printf(&sql, " ORDER BY t.updated_at, t.id LIMIT %d", limit);
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	buf_release(&sql);
	if (!st)
		return STORE_ERROR;
	sql_bind(st, p);
	*out = arena_alloc(a, (size_t)limit * sizeof(**out));
	while (db_step(st) == DB_ROW && *count < (size_t)limit) {
		struct record *r = record_new(a, &model_person);
		store_row_to_record(s, st, r);
		(*out)[(*count)++] = r;
	}
	db_stmt_done(st);
	for (size_t i = 0; i < *count; i++)
		store_load_multi(db, (*out)[i]);
	return STORE_OK;
}

struct erase_ctx {
	const struct viewer *v;
	int64_t id;
};

/* Replace every value of the person's history entries by null, marked
 * erased; the value hashes stay, so the chain verifies. */
static int erase_history(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, changes FROM history WHERE kind = 'person' AND record_id = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	size_t n = 0, cap = 16;
	int64_t *ids = malloc(cap * sizeof(*ids));
	char **texts = malloc(cap * sizeof(*texts));
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap *= 2;
			ids = realloc(ids, cap * sizeof(*ids));
			texts = realloc(texts, cap * sizeof(*texts));
		}
		json_t *changes = json_loads(db_column_text(st, 1), 0, NULL);
		const char *field;
		json_t *c;
		json_object_foreach(changes, field, c) {
			json_object_set_new(c, "old", json_null());
			json_object_set_new(c, "new", json_null());
			json_object_set_new(c, "erased", json_true());
		}
		ids[n] = db_column_int(st, 0);
		texts[n] = json_dumps(changes, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(changes);
		n++;
	}
	db_stmt_done(st);
	int rc = STORE_OK;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *up = db_prepare(db, "UPDATE history SET changes = ?1 WHERE id = ?2");
		if (rc == STORE_OK && up) {
			db_bind_text(up, 1, texts[i]);
			db_bind_int(up, 2, ids[i]);
			if (db_step(up) != DB_DONE)
				rc = STORE_ERROR;
			db_stmt_done(up);
		} else {
			rc = STORE_ERROR;
		}
		free(texts[i]);
	}
	free(ids);
	free(texts);
	return rc;
}

/* The desk's copies of the person's name and address: who received a
 * note (the row stays, as "—", so the distribution still counts them),
 * and the mails to them not yet sent (dropped). */
static int erase_mail_traces(struct db *db, int64_t id)
{
	static const char *const sql[] = {
		"DELETE FROM outbox WHERE sent_at IS NULL AND id IN (SELECT outbox_id FROM distribution"
		" WHERE recipient_kind = 'person' AND recipient_id = ?1)",
		"UPDATE outbox SET to_address = '—', to_name = NULL, body = '' WHERE id IN (SELECT outbox_id FROM distribution"
		" WHERE recipient_kind = 'person' AND recipient_id = ?1)",
		"UPDATE distribution SET recipient_label = '—', email = NULL, outbox_id = NULL"
		" WHERE recipient_kind = 'person' AND recipient_id = ?1",
	};
	for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
		struct db_stmt *st = db_prepare(db, sql[i]);
		if (!st)
			return STORE_ERROR;
		db_bind_int(st, 1, id);
		int rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
		db_stmt_done(st);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

static int do_erase(struct store *s, void *p)
{
	struct erase_ctx *c = p;
	struct db *db = store_writer(s);
	struct arena a = ARENA_INIT;
	struct record *r;
	int rc = store_read_record(s, db, &a, c->v, &model_person, c->id, 1, &r);
	if (rc == STORE_OK && !permission_allows(c->v->role, &model_person, ACT_ERASE))
		rc = STORE_FORBIDDEN;
	/* Every personal field emptied, from the declaration: scalar ones set
	 * to NULL ("—" where a value is required), multi-valued ones deleted.
	 * The record stays, nameless, so aggregates still count it. */
	const struct kind *k = &model_person;
	for (size_t i = 0; rc == STORE_OK && i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		if (!(f->flags & F_PERSONAL))
			continue;
		record_clear(r, (int)i);
		char sql[200];
		if (f->flags & F_MULTI) {
			snprintf(sql, sizeof(sql), "DELETE FROM record_value WHERE kind = '%s' AND record_id = ?1 AND field = '%s'",
				 k->name, f->name);
		} else {
			if (f->flags & F_REQUIRED)
				record_set(r, (int)i, "—");
			snprintf(sql, sizeof(sql), "UPDATE %s SET %s = %s, sort_key = '' WHERE id = ?1", k->name, f->name,
				 (f->flags & F_REQUIRED) ? "'—'" : "NULL");
		}
		struct db_stmt *st = db_prepare(db, sql);
		if (!st) {
			rc = STORE_ERROR;
			break;
		}
		db_bind_int(st, 1, c->id);
		rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
		db_stmt_done(st);
	}
	if (rc == STORE_OK) {
		/* Erased counts as a change: the person leaves the retention review. */
		char now[21];
		clock_now_iso(now);
		struct db_stmt *st = db_prepare(db, "UPDATE person SET updated_at = ?1, name_key = '' WHERE id = ?2");
		if (!st) {
			rc = STORE_ERROR;
		} else {
			db_bind_text(st, 1, now);
			db_bind_int(st, 2, c->id);
			rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
			db_stmt_done(st);
		}
	}
	if (rc == STORE_OK)
		rc = store_index_record(s, db, &model_person, c->id, r->deleted_at ? NULL : r);
	if (rc == STORE_OK)
		rc = erase_mail_traces(db, c->id);
	if (rc == STORE_OK)
		rc = erase_history(db, c->id);
	if (rc == STORE_OK)
		rc = store_history_append(s, db, c->v, &model_person, c->id, "erase", NULL, NULL);
	arena_release(&a);
	return rc;
}

/* The erasure and the cleaning after it, all under the write lock. */
static int erase_locked(struct store *s, void *p)
{
	struct db *db = store_writer(s);
	/* Deleted content is overwritten, not left in free pages. */
	db_exec(db, "PRAGMA secure_delete = ON");
	int rc = db_begin(db) == DB_OK ? do_erase(s, p) : STORE_ERROR;
	if (rc == STORE_OK && db_commit(db) != DB_OK)
		rc = STORE_ERROR;
	if (rc != STORE_OK)
		db_rollback(db);
	if (rc == STORE_OK) {
		/* The search index's old segments still hold the erased words
		 * until merged, and the log the old pages until checkpointed. */
		db_exec(db, "INSERT INTO search_index (search_index) VALUES ('optimize')");
		db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	}
	db_exec(db, "PRAGMA secure_delete = OFF");
	return rc;
}

int gdpr_erase_person(struct store *s, const struct viewer *v, int64_t id)
{
	struct erase_ctx c = {v, id};
	return store_with_lock(s, erase_locked, &c);
}
