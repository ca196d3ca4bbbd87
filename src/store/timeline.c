/*
 * timeline.c - what happened with a record: the interactions, notes,
 * documents and follow-ups that name it, newest first; and the desk's
 * lists (follow-ups due, documents to answer).  The SQL is built from the
 * declarations: every kind with a timeline date, every FT_REF field of it
 * that points at the record's kind.  See store/activity.h.
 */
#include "store/activity.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "store/store_internal.h"
#include "store/workflow.h"

int store_records_by_sql(struct store *s, struct db *db, struct arena *a, const struct viewer *v, const struct kind *k,
			 const char *sql, const struct sql_params *p, int limit, struct record ***items, size_t *count)
{
	*items = NULL;
	*count = 0;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return STORE_ERROR;
	sql_bind(st, p);
	size_t cap = 0;
	while ((limit <= 0 || *count < (size_t)limit) && db_step(st) == DB_ROW) {
		struct record *r;
		if (store_read_record(s, db, a, v, k, db_column_int(st, 0), 0, &r) != STORE_OK)
			continue;
		store_redact(db, v, r);
		*items = arena_grow(a, *items, *count, &cap, sizeof(**items));
		(*items)[(*count)++] = r;
	}
	db_stmt_done(st);
	return STORE_OK;
}

/* Append to sql one SELECT per reference from a timeline kind to target
 * kind k (id in parameter id_param): kind index, record id, date. */
static int timeline_selects(const struct viewer *v, const struct kind *k, int id_param, struct buf *sql,
			    struct sql_params *p, struct arena *a)
{
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	int n = 0;
	for (size_t i = 0; i < nk; i++) {
		const struct kind *tk = kinds[i];
		if (!tk->timeline_date)
			continue;
		for (size_t f = 0; f < tk->nfields; f++) {
			const struct field *fd = &tk->fields[f];
			if (fd->type != FT_REF || !fd->ref || strcmp(fd->ref, k->name) != 0)
				continue;
			buf_puts(sql, n++ ? " UNION " : "");
			if (fd->flags & F_MULTI)
				buf_printf(sql, "SELECT %d AS k, t.id AS id, t.%s AS d FROM %s t JOIN record_value rv ON rv.kind = '%s'"
					   " AND rv.record_id = t.id AND rv.field = '%s' AND rv.value = ?%d WHERE t.deleted_at IS NULL",
					   tk->index, tk->timeline_date, tk->name, tk->name, fd->name, id_param);
			else
				buf_printf(sql, "SELECT %d AS k, t.id AS id, t.%s AS d FROM %s t WHERE t.%s = ?%d AND t.deleted_at IS NULL",
					   tk->index, tk->timeline_date, tk->name, fd->name, id_param);
			store_visibility_sql(v, tk, "t", sql, p, a);
		}
	}
	return n;
}

int store_timeline(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		   int limit, struct timeline_item **items, size_t *count)
{
	*items = NULL;
	*count = 0;
	struct db *db;
	int rc = store_team_reader(s, a, v, k, id, &db);
	if (rc != STORE_OK)
		return rc;
	struct buf sql = BUF_INIT;
	struct sql_params p = {0};
	int id_param = sql_param(&p, arena_printf(a, "%lld", (long long)id));
	if (timeline_selects(v, k, id_param, &sql, &p, a) == 0) {
		buf_release(&sql);
		return STORE_OK;
	}
	buf_printf(&sql, " ORDER BY d DESC, k, id DESC LIMIT %d", limit > 0 ? limit : 50);
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	buf_release(&sql);
	if (!st)
		return STORE_ERROR;
	sql_bind(st, &p);
	size_t nk, cap = 0;
	const struct kind *const *kinds = model_kinds(&nk);
	while (db_step(st) == DB_ROW) {
		int64_t ki = db_column_int(st, 0);
		if (ki < 0 || (size_t)ki >= nk)
			continue;
		const struct kind *tk = kinds[ki];
		struct record *r;
		if (store_read_record(s, db, a, v, tk, db_column_int(st, 1), 0, &r) != STORE_OK)
			continue;
		store_redact(db, v, r);
		*items = arena_grow(a, *items, *count, &cap, sizeof(**items));
		struct timeline_item *it = &(*items)[(*count)++];
		it->kind = tk;
		it->id = r->id;
		it->date = record_get_by_name(r, tk->timeline_date);
		it->title = record_title(r);
		it->state = tk->workflow ? store_workflow_state(r) : record_get_by_name(r, "status");
		it->record = r;
	}
	db_stmt_done(st);
	return STORE_OK;
}

int store_followups_due(struct store *s, struct arena *a, const struct viewer *v, int64_t owner, const char *until,
			int limit, struct record ***items, size_t *count)
{
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct buf sql = BUF_INIT;
	struct sql_params p = {0};
	buf_puts(&sql, "SELECT t.id FROM followup t WHERE t.status IN ('open', 'in_progress') AND t.deleted_at IS NULL");
	if (owner)
		buf_printf(&sql, " AND t.owner = ?%d", sql_param(&p, arena_printf(a, "%lld", (long long)owner)));
	if (until)
		buf_printf(&sql, " AND t.due_date <= ?%d", sql_param(&p, until));
	store_visibility_sql(v, &model_followup, "t", &sql, &p, a);
	buf_puts(&sql, " ORDER BY t.due_date, t.id");
	int rc = store_records_by_sql(s, db, a, v, &model_followup, buf_str(&sql), &p, limit, items, count);
	buf_release(&sql);
	return rc;
}

int store_documents_to_answer(struct store *s, struct arena *a, const struct viewer *v, int limit,
			      struct record ***items, size_t *count)
{
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct buf sql = BUF_INIT;
	struct sql_params p = {0};
	buf_puts(&sql, "SELECT t.id FROM document t WHERE t.direction = 'received' AND t.answer_due IS NOT NULL"
		       " AND t.answered_on IS NULL AND t.deleted_at IS NULL");
	store_visibility_sql(v, &model_document, "t", &sql, &p, a);
	buf_puts(&sql, " ORDER BY t.answer_due, t.id");
	int rc = store_records_by_sql(s, db, a, v, &model_document, buf_str(&sql), &p, limit, items, count);
	buf_release(&sql);
	return rc;
}
