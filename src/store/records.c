/*
 * records.c - reading and writing one record of any kind: the SQL is built
 * from the kind's declaration once, at open (store_sql_build).  Scalar
 * fields are columns of the kind's table; multi-valued fields are rows of
 * record_value; searchable kinds are indexed in search_index.
 */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/text.h"
#include "store/activity.h"
#include "store/workflow.h"

static int field_is_scalar(const struct field *f)
{
	return !(f->flags & F_MULTI);
}

void store_sql_build(struct store *s)
{
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t i = 0; i < nk && i < STORE_MAX_KINDS; i++) {
		const struct kind *k = kinds[i];
		struct kind_sql *q = &s->sql[i];
		struct buf cols = BUF_INIT, ins = BUF_INIT, vals = BUF_INIT, upd = BUF_INIT;
		int n = 0;
		buf_puts(&cols, "t.id");
		for (size_t f = 0; f < k->nfields; f++) {
			if (!field_is_scalar(&k->fields[f]))
				continue;
			n++;
			buf_printf(&cols, ", t.%s", k->fields[f].name);
			buf_printf(&ins, "%s%s", n > 1 ? ", " : "", k->fields[f].name);
			buf_printf(&vals, "%s?%d", n > 1 ? ", " : "", n);
			buf_printf(&upd, "%s%s = ?%d", n > 1 ? ", " : "", k->fields[f].name, n);
		}
		buf_puts(&cols, ", t.created_at, t.updated_at, t.deleted_at");
		q->nscalar = n;
		q->columns = buf_detach(&cols, NULL);
		struct buf sql = BUF_INIT;
		buf_printf(&sql, "SELECT %s FROM %s t WHERE t.id = ?1", q->columns, k->name);
		q->select_by_id = buf_detach(&sql, NULL);
		buf_printf(&sql, "INSERT INTO %s (%s, sort_key, created_at, updated_at, name_key) VALUES (%s, ?%d, ?%d, ?%d, ?%d)",
			   k->name, buf_str(&ins), buf_str(&vals), n + 1, n + 2, n + 2, n + 3);
		q->insert = buf_detach(&sql, NULL);
		buf_printf(&sql, "UPDATE %s SET %s, sort_key = ?%d, updated_at = ?%d, name_key = ?%d WHERE id = ?%d", k->name,
			   buf_str(&upd), n + 1, n + 2, n + 4, n + 3);
		q->update = buf_detach(&sql, NULL);
		buf_release(&ins);
		buf_release(&vals);
		buf_release(&upd);
	}
}

void store_sql_release(struct store *s)
{
	for (size_t i = 0; i < STORE_MAX_KINDS; i++) {
		free(s->sql[i].select_by_id);
		free(s->sql[i].insert);
		free(s->sql[i].update);
		free(s->sql[i].columns);
	}
	memset(s->sql, 0, sizeof(s->sql));
}

/* Text of a scalar column as the record holds it. */
static const char *column_as_text(struct arena *a, struct db_stmt *st, int col, const struct field *f)
{
	if (db_column_is_null(st, col))
		return NULL;
	switch (f->type) {
	case FT_BOOL:
		return db_column_int(st, col) ? "true" : "false";
	case FT_INT:
	case FT_REF:
		return arena_printf(a, "%lld", (long long)db_column_int(st, col));
	case FT_REAL:
		return arena_printf(a, "%.7g", db_column_double(st, col));
	default:
		return arena_strdup(a, db_column_text(st, col));
	}
}

static void bind_value(struct db_stmt *st, int i, const struct field *f, const char *text)
{
	if (!text || !*text) {
		db_bind_null(st, i);
		return;
	}
	switch (f->type) {
	case FT_BOOL:
		db_bind_int(st, i, strcmp(text, "true") == 0);
		break;
	case FT_INT:
	case FT_REF:
		db_bind_int(st, i, strtoll(text, NULL, 10));
		break;
	case FT_REAL:
		db_bind_double(st, i, strtod(text, NULL));
		break;
	default:
		db_bind_text(st, i, text);
	}
}

/* Fill a record's scalar fields from the current row of st (selected with
 * kind_sql.columns). */
void store_row_to_record(struct store *s, struct db_stmt *st, struct record *r)
{
	const struct kind *k = r->kind;
	r->id = db_column_int(st, 0);
	int col = 1;
	for (size_t f = 0; f < k->nfields; f++) {
		if (!field_is_scalar(&k->fields[f]))
			continue;
		const char *t = column_as_text(r->arena, st, col++, &k->fields[f]);
		if (t)
			record_add(r, (int)f, t, NULL, 0);
		r->values[f].present = 0;
	}
	(void)s;
	r->created_at = arena_strdup(r->arena, db_column_text(st, col));
	r->updated_at = arena_strdup(r->arena, db_column_text(st, col + 1));
	r->deleted_at = db_column_is_null(st, col + 2) ? NULL : arena_strdup(r->arena, db_column_text(st, col + 2));
}

/* Load the multi-valued fields of r from record_value. */
int store_load_multi(struct db *db, struct record *r)
{
	struct db_stmt *st = db_prepare(db, "SELECT field, value, lang, acronym FROM record_value "
					    "WHERE kind = ?1 AND record_id = ?2 ORDER BY field, pos");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, r->kind->name);
	db_bind_int(st, 2, r->id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = model_field_index(r->kind, db_column_text(st, 0));
		if (i < 0)
			continue;
		record_add(r, i, db_column_text(st, 1), db_column_text(st, 2), (int)db_column_int(st, 3));
		r->values[i].present = 0;
	}
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int store_read_record(struct store *s, struct db *db, struct arena *a, const struct viewer *v,
		      const struct kind *k, int64_t id, int include_deleted, struct record **out)
{
	struct db_stmt *st = db_prepare(db, s->sql[k->index].select_by_id);
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_stmt_done(st);
		return rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
	}
	struct record *r = record_new(a, k);
	store_row_to_record(s, st, r);
	db_stmt_done(st);
	if (r->deleted_at && !include_deleted)
		return STORE_NOT_FOUND;
	if (store_load_multi(db, r) != STORE_OK)
		return STORE_ERROR;
	/* A record the viewer may not see does not exist for them. */
	if (!store_may_see(s, db, v, r))
		return STORE_NOT_FOUND;
	*out = r;
	return STORE_OK;
}

int store_get(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
	      int include_deleted, struct record **out)
{
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	int rc = store_read_record(s, db, a, v, k, id, include_deleted, out);
	if (rc == STORE_OK)
		store_redact(db, v, *out);
	return rc;
}

const char *store_title(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id)
{
	struct record *r;
	if (store_get(s, a, v, k, id, 0, &r) != STORE_OK)
		return NULL;
	return record_title(r);
}

/* The text the record is sorted by: family name first for people; the id,
 * zero-padded, for kinds without a title (relationships). */
static const char *sort_text(struct arena *a, const struct record *r)
{
	int titled = 0;
	for (size_t i = 0; i < r->kind->nfields; i++)
		titled |= (r->kind->fields[i].flags & F_TITLE) != 0;
	if (!titled)
		return arena_printf(a, "%020lld", (long long)r->id);
	if (r->kind == &model_person)
		return arena_printf(a, "%s %s", record_get_by_name(r, "family_name") ? record_get_by_name(r, "family_name") : "",
				    record_get_by_name(r, "given_name") ? record_get_by_name(r, "given_name") : "");
	return record_title(r);
}

static int write_multi(struct db *db, const struct record *r)
{
	struct db_stmt *del = db_prepare(db, "DELETE FROM record_value WHERE kind = ?1 AND record_id = ?2");
	if (!del)
		return STORE_ERROR;
	db_bind_text(del, 1, r->kind->name);
	db_bind_int(del, 2, r->id);
	int rc = db_step(del);
	db_stmt_done(del);
	if (rc != DB_DONE)
		return STORE_ERROR;
	struct db_stmt *ins = db_prepare(db, "INSERT INTO record_value (kind, record_id, field, pos, value, lang, acronym, folded) "
					     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	struct arena a = ARENA_INIT;
	if (!ins)
		return STORE_ERROR;
	for (size_t f = 0; f < r->kind->nfields; f++) {
		if (field_is_scalar(&r->kind->fields[f]))
			continue;
		for (size_t j = 0; j < r->values[f].count; j++) {
			const struct value *val = &r->values[f].items[j];
			db_bind_text(ins, 1, r->kind->name);
			db_bind_int(ins, 2, r->id);
			db_bind_text(ins, 3, r->kind->fields[f].name);
			db_bind_int(ins, 4, (int64_t)j);
			db_bind_text(ins, 5, val->text);
			db_bind_text(ins, 6, val->lang);
			db_bind_int(ins, 7, val->acronym);
			db_bind_text(ins, 8, text_fold(&a, val->text));
			rc = db_step(ins);
			db_stmt_done(ins);
			if (rc != DB_DONE) {
				arena_release(&a);
				return STORE_ERROR;
			}
		}
	}
	arena_release(&a);
	return STORE_OK;
}

int store_index_record(struct store *s, struct db *db, const struct kind *k, int64_t id, const struct record *r)
{
	(void)s;
	if (!k->searchable)
		return STORE_OK;
	int64_t rowid = ((int64_t)k->index << SEARCH_ROWID_SHIFT) + id;
	struct db_stmt *del = db_prepare(db, "DELETE FROM search_index WHERE rowid = ?1");
	if (!del)
		return STORE_ERROR;
	db_bind_int(del, 1, rowid);
	int rc = db_step(del);
	db_stmt_done(del);
	if (rc != DB_DONE)
		return STORE_ERROR;
	if (!r)
		return STORE_OK;
	struct arena a = ARENA_INIT;
	struct buf names = BUF_INIT, body = BUF_INIT;
	for (size_t f = 0; f < k->nfields; f++) {
		unsigned fl = k->fields[f].flags;
		if (!(fl & (F_NAME | F_SEARCH)))
			continue;
		struct buf *to = (fl & F_NAME) ? &names : &body;
		for (size_t j = 0; j < r->values[f].count; j++) {
			const char *folded = text_fold(&a, r->values[f].items[j].text);
			buf_puts(to, folded);
			buf_putc(to, ' ');
		}
	}
	/* Its attachments' names and extracted text (at most 200 kB each)
	 * are found with it; only the desk's kinds carry files, so an import
	 * of organisations asks nothing more per record. */
	struct db_stmt *files = !store_kind_takes_files(k) ? NULL : db_prepare(db, "SELECT a.filename, substr(b.text, 1, 200000) FROM attachment a"
					       " JOIN blob b ON b.sha256 = a.sha256"
					       " WHERE a.kind = ?1 AND a.record_id = ?2 AND a.deleted_at IS NULL");
	if (store_kind_takes_files(k) && !files) {
		buf_release(&names);
		buf_release(&body);
		arena_release(&a);
		return STORE_ERROR;
	}
	if (files) {
		db_bind_text(files, 1, k->name);
		db_bind_int(files, 2, id);
		while (db_step(files) == DB_ROW)
			for (int col = 0; col < 2; col++)
				if (!db_column_is_null(files, col)) {
					buf_puts(&body, text_fold(&a, db_column_text(files, col)));
					buf_putc(&body, ' ');
				}
		db_stmt_done(files);
	}
	/* The `keys` column of migration 0004 is no longer read: exact names
	 * are found through name_key and record_value.folded (query.c). */
	struct db_stmt *ins = db_prepare(db, "INSERT INTO search_index (rowid, names, body) VALUES (?1, ?2, ?3)");
	if (ins) {
		db_bind_int(ins, 1, rowid);
		db_bind_text(ins, 2, buf_str(&names));
		db_bind_text(ins, 3, buf_str(&body));
		rc = db_step(ins);
		db_stmt_done(ins);
	}
	buf_release(&names);
	buf_release(&body);
	arena_release(&a);
	return ins && rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

static int reindex(struct store *s, void *p)
{
	(void)p;
	struct db *db = s->writer;
	struct arena a = ARENA_INIT;
	int rc = STORE_OK;
	/* Folded copies of the multi-valued fields. */
	struct db_stmt *st = db_prepare(db, "SELECT rowid, value FROM record_value WHERE folded IS NULL");
	struct db_stmt *up = db_prepare(db, "UPDATE record_value SET folded = ?1 WHERE rowid = ?2");
	if (!st || !up)
		rc = STORE_ERROR;
	while (rc == STORE_OK && db_step(st) == DB_ROW) {
		db_bind_text(up, 1, text_fold(&a, db_column_text(st, 1)));
		db_bind_int(up, 2, db_column_int(st, 0));
		if (db_step(up) != DB_DONE)
			rc = STORE_ERROR;
		db_stmt_done(up);
		if (a.used_total > 1 << 20)
			arena_release(&a);
	}
	if (st)
		db_stmt_done(st);
	/* Folded names of records written before name_key existed. */
	size_t nk0;
	const struct kind *const *kinds0 = model_kinds(&nk0);
	for (size_t i = 0; rc == STORE_OK && i < nk0; i++) {
		char sql[160];
		snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE name_key IS NULL", kinds0[i]->name);
		struct db_stmt *q = db_prepare(db, sql);
		if (!q) {
			rc = STORE_ERROR;
			break;
		}
		size_t n = 0, cap = 0;
		int64_t *ids = NULL;
		while (db_step(q) == DB_ROW) {
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				int64_t *more = realloc(ids, cap * sizeof(*ids));
				if (!more)
					abort();
				ids = more;
			}
			ids[n++] = db_column_int(q, 0);
		}
		db_stmt_done(q);
		snprintf(sql, sizeof(sql), "UPDATE %s SET name_key = ?1 WHERE id = ?2", kinds0[i]->name);
		for (size_t j = 0; j < n && rc == STORE_OK; j++) {
			struct record *r;
			struct viewer sys = store_system_viewer("store");
			if (store_read_record(s, db, &a, &sys, kinds0[i], ids[j], 1, &r) != STORE_OK)
				continue;
			struct db_stmt *u = db_prepare(db, sql);
			if (!u) {
				rc = STORE_ERROR;
				break;
			}
			db_bind_text(u, 1, text_fold(&a, sort_text(&a, r)));
			db_bind_int(u, 2, ids[j]);
			if (db_step(u) != DB_DONE)
				rc = STORE_ERROR;
			db_stmt_done(u);
			if (a.used_total > 1 << 20)
				arena_release(&a);
		}
		free(ids);
	}
	/* The search index, kind by kind, by id. */
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	struct viewer system = store_system_viewer("store");
	for (size_t i = 0; rc == STORE_OK && i < nk; i++) {
		if (!kinds[i]->searchable)
			continue;
		char sql[120];
		snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE deleted_at IS NULL AND id > ?1 ORDER BY id LIMIT 1000", kinds[i]->name);
		int64_t after = 0;
		for (;;) {
			int64_t ids[1000];
			size_t n = 0;
			struct db_stmt *q = db_prepare(db, sql);
			if (!q) {
				rc = STORE_ERROR;
				break;
			}
			db_bind_int(q, 1, after);
			while (db_step(q) == DB_ROW)
				ids[n++] = db_column_int(q, 0);
			db_stmt_done(q);
			if (n == 0)
				break;
			for (size_t j = 0; j < n && rc == STORE_OK; j++) {
				struct record *r;
				rc = store_read_record(s, db, &a, &system, kinds[i], ids[j], 0, &r);
				if (rc == STORE_OK)
					rc = store_index_record(s, db, kinds[i], ids[j], r);
			}
			after = ids[n - 1];
			arena_release(&a);
			if (rc != STORE_OK)
				break;
		}
	}
	arena_release(&a);
	return rc;
}

int store_reindex_if_needed(struct store *s, char *err, size_t errlen)
{
	/* Needed when the index is empty but records exist, or folded values
	 * are missing. */
	struct db_stmt *st = db_prepare(s->writer, "SELECT (SELECT count(*) FROM search_index) = 0 AND ("
						    "EXISTS (SELECT 1 FROM organization) OR EXISTS (SELECT 1 FROM person)),"
						    " EXISTS (SELECT 1 FROM record_value WHERE folded IS NULL)"
						    " OR EXISTS (SELECT 1 FROM organization WHERE name_key IS NULL)"
						    " OR EXISTS (SELECT 1 FROM person WHERE name_key IS NULL)");
	if (!st) {
		snprintf(err, errlen, "%s", db_errmsg(s->writer));
		return -1;
	}
	int needed = db_step(st) == DB_ROW && (db_column_int(st, 0) || db_column_int(st, 1));
	db_stmt_done(st);
	if (!needed)
		return 0;
	fprintf(stderr, "passerelle: rebuilding the search index...\n");
	if (store_in_write(s, reindex, NULL) != STORE_OK) {
		snprintf(err, errlen, "rebuilding the search index failed: %s", db_errmsg(s->writer));
		return -1;
	}
	return 0;
}

/* Insert or update r's row, its values and its index entry, in the
 * current transaction. */
static int write_record(struct store *s, struct arena *a, struct record *r, int insert)
{
	struct db *db = s->writer;
	const struct kind *k = r->kind;
	struct db_stmt *st = db_prepare(db, insert ? s->sql[k->index].insert : s->sql[k->index].update);
	if (!st)
		return STORE_ERROR;
	int n = 0;
	for (size_t f = 0; f < k->nfields; f++) {
		if (!field_is_scalar(&k->fields[f]))
			continue;
		bind_value(st, ++n, &k->fields[f], record_get(r, (int)f));
	}
	char now[21];
	clock_now_iso(now);
	db_bind_text(st, n + 1, text_sort_key(a, sort_text(a, r)));
	db_bind_text(st, n + 2, now);
	if (!insert)
		db_bind_int(st, n + 3, r->id);
	/* The folded name, for matching duplicates (store/match.c). */
	db_bind_text(st, insert ? n + 3 : n + 4, text_fold(a, sort_text(a, r)));
	int rc = db_step(st);
	db_stmt_done(st);
	if (rc != DB_DONE) {
		fprintf(stderr, "passerelle: writing %s: %s\n", k->name, db_errmsg(db));
		return STORE_ERROR;
	}
	if (insert) {
		r->id = db_last_insert_id(db);
		r->created_at = arena_strdup(a, now);
	}
	r->updated_at = arena_strdup(a, now);
	if (write_multi(db, r) != STORE_OK || store_index_record(s, db, k, r->id, r) != STORE_OK) {
		fprintf(stderr, "passerelle: writing %s values: %s\n", k->name, db_errmsg(db));
		return STORE_ERROR;
	}
	return STORE_OK;
}

/* Is the calling thread inside its own batch (which holds the lock)?
 * Only that thread may: any other waits for the lock like everyone. */
static int own_batch(struct store *s)
{
	return s->in_batch && pthread_equal(s->batch_owner, pthread_self());
}

int store_with_lock(struct store *s, int (*fn)(struct store *, void *), void *ctx)
{
	if (own_batch(s))
		return STORE_CONFLICT;
	pthread_mutex_lock(&s->write_lock);
	int rc = fn(s, ctx);
	pthread_mutex_unlock(&s->write_lock);
	return rc;
}

int store_in_write(struct store *s, int (*fn)(struct store *, void *), void *ctx)
{
	if (own_batch(s))
		return fn(s, ctx);
	pthread_mutex_lock(&s->write_lock);
	int rc;
	if (db_begin(s->writer) != DB_OK) {
		fprintf(stderr, "passerelle: begin: %s\n", db_errmsg(s->writer));
		rc = STORE_ERROR;
	} else {
		rc = fn(s, ctx);
		if (rc == STORE_OK && db_commit(s->writer) != DB_OK) {
			fprintf(stderr, "passerelle: commit: %s\n", db_errmsg(s->writer));
			rc = STORE_ERROR;
		}
		if (rc != STORE_OK)
			db_rollback(s->writer);
	}
	pthread_mutex_unlock(&s->write_lock);
	return rc;
}

struct write_ctx {
	struct arena *a;
	const struct viewer *v;
	struct record *r;
	struct record **out;
	struct field_errors *errors;
	const struct kind *k;
	int64_t id;
	int deleting;
	const char *action; /* of an update, for the history: "update" unless said */
};

static int do_create(struct store *s, void *p)
{
	struct write_ctx *c = p;
	if (!permission_allows(c->v ? c->v->role : ROLE_ANONYMOUS, c->r->kind, ACT_CREATE))
		return STORE_FORBIDDEN;
	if (store_workflow_on_create(c->v, c->r, c->errors) != STORE_OK)
		return STORE_INVALID;
	if (store_validate(s, s->writer, c->v, c->r, c->errors) > 0)
		return STORE_INVALID;
	if (!store_may_write(s, s->writer, c->v, c->r, ACT_CREATE))
		return STORE_FORBIDDEN;
	int rc = write_record(s, c->a, c->r, 1);
	if (rc == STORE_OK)
		rc = store_history_append(s, s->writer, c->v, c->r->kind, c->r->id, "create", NULL, c->r);
	if (rc == STORE_OK)
		rc = store_after_write(s, s->writer, NULL, c->r);
	return rc;
}

int store_create(struct store *s, struct arena *a, const struct viewer *v, struct record *r,
		 struct field_errors *errors)
{
	struct write_ctx c = {.a = a, .v = v, .r = r, .errors = errors};
	return store_in_write(s, do_create, &c);
}

static int do_update(struct store *s, void *p)
{
	struct write_ctx *c = p;
	struct record *before, *cur;
	int rc = store_read_record(s, s->writer, c->a, c->v, c->r->kind, c->r->id, 0, &before);
	if (rc != STORE_OK)
		return rc;
	if (!store_may_write(s, s->writer, c->v, before, ACT_UPDATE))
		return STORE_FORBIDDEN;
	rc = store_workflow_on_update(before, c->r, c->errors);
	if (rc != STORE_OK)
		return rc;
	rc = store_read_record(s, s->writer, c->a, c->v, c->r->kind, c->r->id, 0, &cur);
	if (rc != STORE_OK)
		return rc;
	for (size_t f = 0; f < cur->kind->nfields; f++)
		if (c->r->values[f].present && !model_field_managed(cur->kind, (int)f))
			cur->values[f] = c->r->values[f];
	if (store_validate(s, s->writer, c->v, cur, c->errors) > 0)
		return STORE_INVALID;
	/* What it becomes must be the viewer's to change too (a partner cannot
	 * move a position to another organisation). */
	if (!store_may_write(s, s->writer, c->v, cur, ACT_UPDATE))
		return STORE_FORBIDDEN;
	rc = store_write_existing(s, c->a, c->v, before, cur, c->action ? c->action : "update");
	if (rc == STORE_OK && c->out)
		*c->out = cur;
	return rc;
}

int store_write_existing(struct store *s, struct arena *a, const struct viewer *v, const struct record *before,
			 struct record *after, const char *action)
{
	int rc = write_record(s, a, after, 0);
	if (rc == STORE_OK)
		rc = store_history_append(s, s->writer, v, after->kind, after->id, action, before, after);
	if (rc == STORE_OK)
		rc = store_after_write(s, s->writer, before, after);
	return rc;
}

int store_update(struct store *s, struct arena *a, const struct viewer *v, struct record *patch,
		 struct record **out, struct field_errors *errors)
{
	struct write_ctx c = {.a = a, .v = v, .r = patch, .out = out, .errors = errors};
	return store_in_write(s, do_update, &c);
}

int store_update_as(struct store *s, struct arena *a, const struct viewer *v, struct record *patch, const char *action,
		    struct record **out, struct field_errors *errors)
{
	struct write_ctx c = {.a = a, .v = v, .r = patch, .out = out, .errors = errors, .action = action};
	return store_in_write(s, do_update, &c);
}

static int do_delete(struct store *s, void *p)
{
	struct write_ctx *c = p;
	struct arena a = ARENA_INIT;
	struct record *cur;
	int rc = store_read_record(s, s->writer, &a, c->v, c->k, c->id, 1, &cur);
	if (rc == STORE_OK && (cur->deleted_at != NULL) == c->deleting)
		rc = c->deleting ? STORE_NOT_FOUND : STORE_CONFLICT;
	if (rc == STORE_OK && !store_may_write(s, s->writer, c->v, cur, ACT_DELETE))
		rc = STORE_FORBIDDEN;
	/* A record frozen by its workflow (a submitted or validated note) is
	 * part of the institution's memory: only an administrator bins it. */
	if (rc == STORE_OK && c->deleting && cur->kind->workflow && c->v->role != ROLE_ADMIN && c->v->role != ROLE_SYSTEM &&
	    !workflow_state_in(cur->kind->workflow->editable, store_workflow_state(cur)))
		rc = STORE_CONFLICT;
	if (rc == STORE_OK) {
		char sql[160], now[21];
		clock_now_iso(now);
		snprintf(sql, sizeof(sql), "UPDATE %s SET deleted_at = ?1, updated_at = ?2 WHERE id = ?3", c->k->name);
		struct db_stmt *st = db_prepare(s->writer, sql);
		if (!st) {
			rc = STORE_ERROR;
		} else {
			db_bind_text(st, 1, c->deleting ? now : NULL);
			db_bind_text(st, 2, now);
			db_bind_int(st, 3, c->id);
			rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
			db_stmt_done(st);
		}
		if (rc == STORE_OK)
			rc = store_index_record(s, s->writer, c->k, c->id, c->deleting ? NULL : cur);
		if (rc == STORE_OK)
			rc = store_history_append(s, s->writer, c->v, c->k, c->id, c->deleting ? "delete" : "restore", cur, cur);
	}
	arena_release(&a);
	return rc;
}

int store_delete(struct store *s, const struct viewer *v, const struct kind *k, int64_t id)
{
	struct write_ctx c = {.v = v, .k = k, .id = id, .deleting = 1};
	return store_in_write(s, do_delete, &c);
}

int store_restore(struct store *s, const struct viewer *v, const struct kind *k, int64_t id)
{
	struct write_ctx c = {.v = v, .k = k, .id = id, .deleting = 0};
	return store_in_write(s, do_delete, &c);
}
