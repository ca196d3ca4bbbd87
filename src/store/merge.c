/*
 * merge.c - merging two records of a kind into one, and undoing it (see
 * duplicates.h for what a merge does and how the history records it).
 *
 * Everything that points to a record is found from the declarations:
 * every FT_REF field, scalar or multi-valued, of every kind whose target
 * is the merged kind (positions and relationships for an organisation,
 * and a partner's account; positions for a person).  Each record moved is
 * changed through store_update_as, so it is validated, indexed and
 * recorded like any change; the merge runs in one batch (one transaction
 * under the write lock), which also keeps its history entries together.
 */
#include "store/duplicates.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/clock.h"

/* How far back in the history "recent" merges are looked for. */
#define RECENT_ENTRIES 20000

static int mergeable(const struct kind *k)
{
	return k && k->has_visibility && k->access == ACCESS_DIRECTORY;
}

/* Does field f hold references to records of kind k? */
static int refers_to(const struct field *f, const struct kind *k)
{
	return f->type == FT_REF && f->ref && strcmp(f->ref, k->name) == 0;
}

static const char *id_text(struct arena *a, int64_t id)
{
	return arena_printf(a, "%lld", (long long)id);
}

/* How a record is named in a message: its title, or its kind and number. */
static const char *record_name(struct arena *a, const struct record *r)
{
	for (size_t i = 0; i < r->kind->nfields; i++)
		if ((r->kind->fields[i].flags & F_TITLE) && r->values[i].count)
			return record_title(r);
	return arena_printf(a, "%s #%lld", r->kind->name, (long long)r->id);
}

/* ----------------------------------------------------- what points here */

/* A record that points to drop. */
struct referrer {
	struct record *rec;
	int self;   /* would join keep to itself: goes to the bin */
	int hidden; /* the viewer may not see it or change it */
};

/* The ids of the live records of kind K that point to record `id` of k. */
static int64_t *pointing(struct db *db, const struct kind *K, const struct kind *k, int64_t id, size_t *count)
{
	*count = 0;
	struct buf sql = BUF_INIT;
	int nfields = 0;
	buf_printf(&sql, "SELECT t.id FROM %s t WHERE t.deleted_at IS NULL AND (", K->name);
	for (size_t i = 0; i < K->nfields; i++) {
		const struct field *f = &K->fields[i];
		if (!refers_to(f, k))
			continue;
		if (f->flags & F_MULTI)
			buf_printf(&sql, "%sEXISTS (SELECT 1 FROM record_value v WHERE v.kind = '%s' AND v.field = '%s'"
					 " AND v.value = ?2 AND v.record_id = t.id)", nfields ? " OR " : "", K->name, f->name);
		else
			buf_printf(&sql, "%st.%s = ?1", nfields ? " OR " : "", f->name);
		nfields++;
	}
	buf_puts(&sql, ") ORDER BY t.id");
	if (!nfields) {
		buf_release(&sql);
		return NULL;
	}
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	buf_release(&sql);
	if (!st)
		return NULL;
	char text[24];
	snprintf(text, sizeof(text), "%lld", (long long)id);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, text);
	size_t n = 0, cap = 16;
	int64_t *ids = malloc(cap * sizeof(*ids));
	if (!ids)
		abort();
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap *= 2;
			int64_t *more = realloc(ids, cap * sizeof(*ids));
			if (!more)
				abort();
			ids = more;
		}
		ids[n++] = db_column_int(st, 0);
	}
	db_stmt_done(st);
	*count = n;
	return ids;
}

/* After the move, would r join keep to itself through two of its
 * references to k (a relationship from keep to keep)? */
static int would_join_itself(const struct record *r, const struct kind *k, int64_t keep, int64_t drop)
{
	int seen = 0;
	for (size_t i = 0; i < r->kind->nfields; i++) {
		const struct field *f = &r->kind->fields[i];
		const char *v = record_get(r, (int)i);
		if (!refers_to(f, k) || (f->flags & F_MULTI) || !v)
			continue;
		int64_t id = strtoll(v, NULL, 10);
		seen += id == keep || id == drop;
	}
	return seen >= 2;
}

/* Every live record of every kind that points to drop, read through db. */
static int referrers(struct store *s, struct db *db, struct arena *a, const struct viewer *v, const struct kind *k,
		     int64_t keep, int64_t drop, struct referrer **out, size_t *count)
{
	size_t nk, n = 0, cap = 16;
	const struct kind *const *kinds = model_kinds(&nk);
	struct viewer system = store_system_viewer("store");
	struct referrer *list = arena_alloc(a, cap * sizeof(*list));
	for (size_t i = 0; i < nk; i++) {
		size_t nids;
		int64_t *ids = pointing(db, kinds[i], k, drop, &nids);
		for (size_t j = 0; j < nids; j++) {
			struct record *r;
			int rc = store_read_record(s, db, a, &system, kinds[i], ids[j], 0, &r);
			if (rc == STORE_NOT_FOUND)
				continue;
			if (rc != STORE_OK) {
				free(ids);
				return rc;
			}
			if (n == cap) {
				struct referrer *more = arena_alloc(a, cap * 2 * sizeof(*list));
				memcpy(more, list, n * sizeof(*list));
				list = more;
				cap *= 2;
			}
			struct referrer *x = &list[n++];
			x->rec = r;
			x->self = would_join_itself(r, k, keep, drop);
			x->hidden = !store_may_see(s, db, v, r) ||
				    !store_may_write(s, db, v, r, x->self ? ACT_DELETE : ACT_UPDATE);
		}
		free(ids);
	}
	*out = list;
	*count = n;
	return STORE_OK;
}

int store_merge_preview(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t keep_id,
			int64_t drop_id, struct merge_preview *out)
{
	memset(out, 0, sizeof(*out));
	if (!mergeable(k))
		return STORE_NOT_FOUND;
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct record *keep, *drop;
	int rc = store_read_record(s, db, a, v, k, keep_id, 0, &keep);
	if (rc == STORE_OK)
		rc = store_read_record(s, db, a, v, k, drop_id, 0, &drop);
	if (rc != STORE_OK)
		return rc;
	struct referrer *list;
	size_t n;
	rc = referrers(s, db, a, v, k, keep_id, drop_id, &list, &n);
	if (rc != STORE_OK)
		return rc;
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	out->moves = arena_alloc(a, nk * sizeof(*out->moves));
	for (size_t i = 0; i < nk; i++) {
		struct merge_move m = {.kind = kinds[i]};
		for (size_t j = 0; j < n; j++) {
			if (list[j].rec->kind != kinds[i])
				continue;
			if (list[j].self)
				m.removed++;
			else
				m.moved++;
			m.hidden += list[j].hidden;
		}
		if (m.moved || m.removed)
			out->moves[out->count++] = m;
		out->hidden += m.hidden;
	}
	return STORE_OK;
}

/* ------------------------------------------------------ default choice */

static int same_value(const struct value *x, const struct value *y)
{
	return strcmp(x->text, y->text) == 0 && ((!x->lang && !y->lang) || (x->lang && y->lang && strcmp(x->lang, y->lang) == 0));
}

struct record *store_merge_default(struct arena *a, const struct record *keep, const struct record *drop)
{
	const struct kind *k = keep->kind;
	struct record *patch = record_new(a, k);
	patch->id = keep->id;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field_values *kv = &keep->values[i], *dv = &drop->values[i];
		if (!(k->fields[i].flags & F_MULTI)) {
			if (!kv->count && dv->count)
				record_add(patch, (int)i, dv->items[0].text, dv->items[0].lang, dv->items[0].acronym);
			continue;
		}
		/* Lists are joined: keep's values, then drop's that keep lacks. */
		int added = 0;
		for (size_t j = 0; j < dv->count; j++) {
			int found = 0;
			for (size_t m = 0; m < kv->count && !found; m++)
				found = same_value(&kv->items[m], &dv->items[j]);
			added |= !found;
		}
		if (!added)
			continue;
		for (size_t m = 0; m < kv->count; m++)
			record_add(patch, (int)i, kv->items[m].text, kv->items[m].lang, kv->items[m].acronym);
		for (size_t j = 0; j < dv->count; j++) {
			int found = 0;
			for (size_t m = 0; m < patch->values[i].count && !found; m++)
				found = same_value(&patch->values[i].items[m], &dv->items[j]);
			if (!found)
				record_add(patch, (int)i, dv->items[j].text, dv->items[j].lang, dv->items[j].acronym);
		}
	}
	return patch;
}

/* ---------------------------------------------------------------- bin */

/* Move record k/id to the bin or back, as store_delete and store_restore
 * do, in the current transaction; the history entry is the caller's. */
static int set_binned(struct store *s, struct arena *a, const struct kind *k, int64_t id, int binned)
{
	struct db *db = store_writer(s);
	struct viewer system = store_system_viewer("store");
	struct record *r;
	int rc = store_read_record(s, db, a, &system, k, id, 1, &r);
	if (rc != STORE_OK)
		return rc;
	char sql[160], now[21];
	clock_now_iso(now);
	snprintf(sql, sizeof(sql), "UPDATE %s SET deleted_at = ?1, updated_at = ?2 WHERE id = ?3", k->name);
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, binned ? now : NULL);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, id);
	rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	if (rc == STORE_OK)
		rc = store_index_record(s, db, k, id, binned ? NULL : r);
	return rc;
}

/* Append an entry `action` on record k/id that changes no field. */
static int mark(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		const char *action)
{
	struct viewer system = store_system_viewer("store");
	struct record *r;
	int rc = store_read_record(s, store_writer(s), a, &system, k, id, 1, &r);
	return rc == STORE_OK ? store_history_append(s, store_writer(s), v, k, id, action, r, r) : rc;
}

/* ---------------------------------------------------------------- merge */

/* The patch that points r to keep instead of drop. */
static struct record *moved(struct arena *a, const struct record *r, const struct kind *k, int64_t keep, int64_t drop)
{
	struct record *patch = record_new(a, r->kind);
	patch->id = r->id;
	const char *keep_text = id_text(a, keep), *drop_text = id_text(a, drop);
	for (size_t i = 0; i < r->kind->nfields; i++) {
		if (!refers_to(&r->kind->fields[i], k))
			continue;
		const struct field_values *fv = &r->values[i];
		int touched = 0, has_keep = 0;
		for (size_t j = 0; j < fv->count; j++) {
			touched |= strcmp(fv->items[j].text, drop_text) == 0;
			has_keep |= strcmp(fv->items[j].text, keep_text) == 0;
		}
		if (!touched)
			continue;
		record_clear(patch, (int)i);
		for (size_t j = 0; j < fv->count; j++) {
			const char *t = fv->items[j].text;
			if (strcmp(t, drop_text) == 0) {
				if (has_keep)
					continue; /* a list naming both keeps one */
				t = keep_text;
				has_keep = 1;
			}
			record_add(patch, (int)i, t, fv->items[j].lang, fv->items[j].acronym);
		}
	}
	return patch;
}

static void copy_errors(struct field_errors *to, const struct field_errors *from)
{
	for (size_t i = 0; i < from->count; i++)
		field_errors_add(to, from->items[i].field, from->items[i].message, from->items[i].detail);
}

static int64_t last_entry(struct db *db, const struct kind *k, int64_t id, const char *action)
{
	struct db_stmt *st = db_prepare(db, action ? "SELECT max(id) FROM history WHERE kind = ?1 AND record_id = ?2 AND action = ?3"
						   : "SELECT max(id) FROM history WHERE kind = ?1 AND record_id = ?2");
	if (!st)
		return 0;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	if (action)
		db_bind_text(st, 3, action);
	int64_t last = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	db_stmt_done(st);
	return last;
}

static int do_merge(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t keep_id,
		    int64_t drop_id, struct record *chosen, struct field_errors *errors, int64_t *merge_id)
{
	struct db *db = store_writer(s);
	struct record *keep, *drop;
	int rc = store_read_record(s, db, a, v, k, keep_id, 0, &keep);
	if (rc == STORE_OK)
		rc = store_read_record(s, db, a, v, k, drop_id, 0, &drop);
	if (rc != STORE_OK)
		return rc;
	if (!store_may_write(s, db, v, keep, ACT_UPDATE) || !store_may_write(s, db, v, drop, ACT_DELETE))
		return STORE_FORBIDDEN;
	struct referrer *list;
	size_t n;
	rc = referrers(s, db, a, v, k, keep_id, drop_id, &list, &n);
	if (rc != STORE_OK)
		return rc;
	size_t hidden = 0;
	for (size_t i = 0; i < n; i++)
		if (list[i].hidden && ++hidden)
			field_errors_add(errors, "", N_("A record that points to it is hidden from you or not yours to change"
							" ({}): an administrator can merge these two."),
					 arena_printf(a, "%s #%lld", list[i].rec->kind->name, (long long)list[i].rec->id));
	if (hidden)
		return STORE_FORBIDDEN;
	/* 1. The first entry of the merge, on drop. */
	rc = mark(s, a, v, k, drop_id, "merge");
	/* 2. What pointed to drop points to keep, or goes to the bin (while
	 * drop is still there: who may see a position depends on it). */
	for (size_t i = 0; rc == STORE_OK && i < n; i++) {
		struct record *r = list[i].rec;
		if (list[i].self) {
			rc = store_delete(s, v, r->kind, r->id);
			continue;
		}
		struct field_errors moving;
		field_errors_init(&moving, a);
		rc = store_update_as(s, a, v, moved(a, r, k, keep_id, drop_id), "update", NULL, &moving);
		if (rc == STORE_INVALID) {
			field_errors_add(errors, "", N_("{} cannot be moved:"), record_name(a, r));
			copy_errors(errors, &moving);
		}
	}
	/* 3. drop goes to the bin. */
	if (rc == STORE_OK)
		rc = set_binned(s, a, k, drop_id, 1);
	if (rc != STORE_OK)
		return rc;
	/* 4. keep takes the values chosen: the last entry, which names the merge. */
	struct record *patch = record_new(a, k);
	patch->id = keep_id;
	for (size_t i = 0; chosen && i < k->nfields; i++)
		if (chosen->values[i].present)
			patch->values[i] = chosen->values[i];
	rc = store_update_as(s, a, v, patch, "merge", NULL, errors);
	if (rc == STORE_OK && merge_id)
		*merge_id = last_entry(db, k, keep_id, "merge");
	return rc;
}

int store_merge(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t keep_id,
		int64_t drop_id, struct record *chosen, struct field_errors *errors, int64_t *merge_id)
{
	if (merge_id)
		*merge_id = 0;
	if (!mergeable(k) || (chosen && chosen->kind != k))
		return STORE_NOT_FOUND;
	if (keep_id == drop_id) {
		field_errors_add(errors, "", N_("A record cannot be merged with itself."), NULL);
		return STORE_INVALID;
	}
	enum role role = v ? v->role : ROLE_ANONYMOUS;
	if (!permission_allows(role, k, ACT_UPDATE) || !permission_allows(role, k, ACT_DELETE))
		return STORE_FORBIDDEN;
	if (store_batch_begin(s) != STORE_OK)
		return STORE_ERROR;
	int rc = do_merge(s, a, v, k, keep_id, drop_id, chosen, errors, merge_id);
	if (store_batch_end(s, rc == STORE_OK) != STORE_OK && rc == STORE_OK)
		rc = STORE_ERROR;
	if (rc != STORE_OK && merge_id)
		*merge_id = 0;
	return rc;
}

/* ----------------------------------------------------------- the record */

struct entry {
	int64_t id;
	const struct kind *kind;
	int64_t record_id;
	const char *action;
	const char *changes; /* JSON: field -> {old, new, ...} */
	const char *at, *actor;
};

/* What the history says of one merge. */
struct merge_log {
	const struct kind *kind;
	struct entry last;   /* "merge" on keep */
	struct entry first;  /* "merge" on drop */
	struct entry *moves; /* between them */
	size_t nmoves;
};

#define ENTRY_SQL "SELECT id, kind, record_id, action, changes, at, actor FROM history"

static void read_entry(struct arena *a, struct db_stmt *st, struct entry *e)
{
	e->id = db_column_int(st, 0);
	e->kind = model_kind(db_column_text(st, 1));
	e->record_id = db_column_int(st, 2);
	e->action = arena_strdup(a, db_column_text(st, 3));
	e->changes = arena_strdup(a, db_column_text(st, 4));
	e->at = arena_strdup(a, db_column_text(st, 5));
	e->actor = arena_strdup(a, db_column_text(st, 6));
}

/* The JSON values of `field` in an entry's changes, on side "old" or
 * "new" (a new reference to the caller, or NULL). */
static json_t *change_side(const char *changes, const char *field, const char *side)
{
	json_t *c = json_loads(changes, 0, NULL);
	json_t *text = json_object_get(json_object_get(c, field), side);
	json_t *out = json_is_string(text) ? json_loads(json_string_value(text), JSON_DECODE_ANY, NULL) : NULL;
	json_decref(c);
	return out;
}

/* Does the JSON value (a string or an array of strings) name id? */
static int json_names(json_t *j, const char *id)
{
	if (json_is_string(j))
		return strcmp(json_string_value(j), id) == 0;
	size_t i;
	json_t *item;
	if (json_is_array(j))
		json_array_foreach(j, i, item)
			if (json_is_string(item) && strcmp(json_string_value(item), id) == 0)
				return 1;
	return 0;
}

/* Is e one of the moves of a merge of k from drop into keep? */
static int is_move(struct arena *a, const struct entry *e, const struct kind *k, int64_t keep, int64_t drop)
{
	if (!e->kind)
		return 0;
	int refers = 0;
	for (size_t i = 0; i < e->kind->nfields; i++)
		refers |= refers_to(&e->kind->fields[i], k);
	if (!refers)
		return 0;
	if (strcmp(e->action, "delete") == 0)
		return 1;
	if (strcmp(e->action, "update") != 0)
		return 0;
	const char *keep_text = id_text(a, keep), *drop_text = id_text(a, drop);
	for (size_t i = 0; i < e->kind->nfields; i++) {
		if (!refers_to(&e->kind->fields[i], k))
			continue;
		json_t *old = change_side(e->changes, e->kind->fields[i].name, "old");
		json_t *new_ = change_side(e->changes, e->kind->fields[i].name, "new");
		int ok = json_names(old, drop_text) && json_names(new_, keep_text);
		json_decref(old);
		json_decref(new_);
		if (ok)
			return 1;
	}
	return 0;
}

/* Read merge `id` through db: its last entry, its first, the moves
 * between.  STORE_NOT_FOUND when it is not a merge. */
static int read_merge(struct db *db, struct arena *a, int64_t id, struct merge_log *log)
{
	memset(log, 0, sizeof(*log));
	struct db_stmt *st = db_prepare(db, ENTRY_SQL " WHERE id = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	int found = db_step(st) == DB_ROW;
	if (found)
		read_entry(a, st, &log->last);
	db_stmt_done(st);
	if (!found || strcmp(log->last.action, "merge") != 0 || !mergeable(log->last.kind))
		return STORE_NOT_FOUND;
	log->kind = log->last.kind;
	st = db_prepare(db, ENTRY_SQL " WHERE id < ?1 AND kind = ?2 AND action = 'merge' ORDER BY id DESC LIMIT 1");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, log->kind->name);
	found = db_step(st) == DB_ROW;
	if (found)
		read_entry(a, st, &log->first);
	db_stmt_done(st);
	/* drop's entry changes nothing but its place (in the bin). */
	if (!found || log->first.record_id == log->last.record_id || strcmp(log->first.changes, "{}") != 0)
		return STORE_NOT_FOUND;
	st = db_prepare(db, ENTRY_SQL " WHERE id > ?1 AND id < ?2 ORDER BY id");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, log->first.id);
	db_bind_int(st, 2, id);
	size_t cap = 16;
	log->moves = arena_alloc(a, cap * sizeof(*log->moves));
	int step;
	while ((step = db_step(st)) == DB_ROW) {
		if (log->nmoves == cap) {
			struct entry *more = arena_alloc(a, cap * 2 * sizeof(*more));
			memcpy(more, log->moves, cap * sizeof(*more));
			log->moves = more;
			cap *= 2;
		}
		read_entry(a, st, &log->moves[log->nmoves++]);
	}
	db_stmt_done(st);
	if (step != DB_DONE)
		return STORE_ERROR;
	/* Every entry between the two must be one of this merge's moves: the
	 * entries of one merge are written together, nothing in between. */
	for (size_t i = 0; i < log->nmoves; i++)
		if (!is_move(a, &log->moves[i], log->kind, log->last.record_id, log->first.record_id))
			return STORE_NOT_FOUND;
	return STORE_OK;
}

int store_merge_info(struct store *s, struct arena *a, const struct viewer *v, int64_t merge_id, struct merge_info *out)
{
	memset(out, 0, sizeof(*out));
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct merge_log log;
	int rc = read_merge(db, a, merge_id, &log);
	if (rc != STORE_OK)
		return rc;
	struct record *keep;
	rc = store_read_record(s, db, a, v, log.kind, log.last.record_id, 1, &keep);
	if (rc != STORE_OK)
		return rc;
	out->kind = log.kind;
	out->id = merge_id;
	out->keep = log.last.record_id;
	out->drop = log.first.record_id;
	out->first_entry = log.first.id;
	out->at = log.last.at;
	out->actor = log.last.actor;
	for (size_t i = 0; i < log.nmoves; i++) {
		if (strcmp(log.moves[i].action, "delete") == 0)
			out->removed++;
		else
			out->moved++;
	}
	int64_t unmerged = last_entry(db, log.kind, out->drop, "unmerge");
	out->undone = unmerged > merge_id;
	return STORE_OK;
}

/* ----------------------------------------------------------------- undo */

/* Field i of patch takes the values in JSON j (null, a string, or an
 * array of strings or of {value, lang, acronym}). */
static void set_from_json(struct record *patch, int i, json_t *j)
{
	record_clear(patch, i);
	if (json_is_string(j)) {
		record_add(patch, i, json_string_value(j), NULL, 0);
	} else if (json_is_array(j)) {
		size_t x;
		json_t *item;
		json_array_foreach(j, x, item) {
			if (json_is_string(item))
				record_add(patch, i, json_string_value(item), NULL, 0);
			else if (json_is_string(json_object_get(item, "value")))
				record_add(patch, i, json_string_value(json_object_get(item, "value")),
					   json_string_value(json_object_get(item, "lang")), json_is_true(json_object_get(item, "acronym")));
		}
	}
}

/* The patch that gives an entry's record back the "old" values of the
 * fields the entry changed (only its references to only_refs_to, when
 * given). */
static struct record *previous_values(struct arena *a, const struct entry *e, const struct kind *only_refs_to)
{
	struct record *patch = record_new(a, e->kind);
	patch->id = e->record_id;
	json_t *changes = json_loads(e->changes, 0, NULL);
	for (size_t i = 0; i < e->kind->nfields; i++) {
		if (only_refs_to && !refers_to(&e->kind->fields[i], only_refs_to))
			continue;
		json_t *c = json_object_get(changes, e->kind->fields[i].name);
		if (!c || json_is_true(json_object_get(c, "erased")))
			continue;
		/* No "old": the field was empty (history.c leaves nulls out). */
		json_t *old = json_object_get(c, "old");
		json_t *values = json_is_string(old) ? json_loads(json_string_value(old), JSON_DECODE_ANY, NULL) : json_null();
		set_from_json(patch, (int)i, values);
		json_decref(values);
	}
	json_decref(changes);
	return patch;
}

/* A record changed after the merge: the conflict names it. */
static void conflict(struct store *s, struct db *db, struct arena *a, struct field_errors *conflicts, const struct kind *k,
		     int64_t id)
{
	struct viewer system = store_system_viewer("store");
	struct record *r;
	const char *name = store_read_record(s, db, a, &system, k, id, 1, &r) == STORE_OK ? record_name(a, r)
											   : arena_printf(a, "%s #%lld", k->name, (long long)id);
	field_errors_add(conflicts, "", N_("Changed since the merge: {}."), name);
}

static int do_undo(struct store *s, struct arena *a, const struct viewer *v, int64_t merge_id, struct field_errors *conflicts)
{
	struct db *db = store_writer(s);
	struct merge_log log;
	int rc = read_merge(db, a, merge_id, &log);
	if (rc != STORE_OK)
		return rc;
	const struct kind *k = log.kind;
	int64_t keep_id = log.last.record_id, drop_id = log.first.record_id;
	struct record *keep, *drop;
	rc = store_read_record(s, db, a, v, k, keep_id, 1, &keep);
	if (rc == STORE_OK)
		rc = store_read_record(s, db, a, v, k, drop_id, 1, &drop);
	if (rc != STORE_OK)
		return rc;
	if (!store_may_write(s, db, v, keep, ACT_UPDATE) || !store_may_write(s, db, v, drop, ACT_DELETE))
		return STORE_FORBIDDEN;
	if (last_entry(db, k, drop_id, "unmerge") > merge_id) {
		field_errors_add(conflicts, "", N_("This merge was undone already."), NULL);
		return STORE_CONFLICT;
	}
	/* Nothing may have changed since: each record's last entry is the
	 * merge's own. */
	if (last_entry(db, k, keep_id, NULL) != log.last.id || keep->deleted_at)
		conflict(s, db, a, conflicts, k, keep_id);
	if (last_entry(db, k, drop_id, NULL) != log.first.id || !drop->deleted_at)
		conflict(s, db, a, conflicts, k, drop_id);
	for (size_t i = 0; i < log.nmoves; i++)
		if (last_entry(db, log.moves[i].kind, log.moves[i].record_id, NULL) != log.moves[i].id)
			conflict(s, db, a, conflicts, log.moves[i].kind, log.moves[i].record_id);
	if (conflicts->count)
		return STORE_CONFLICT;
	/* drop leaves the bin first, so that references to it are valid again. */
	rc = set_binned(s, a, k, drop_id, 0);
	if (rc == STORE_OK)
		rc = mark(s, a, v, k, drop_id, "unmerge");
	for (size_t i = log.nmoves; rc == STORE_OK && i-- > 0;) {
		const struct entry *e = &log.moves[i];
		if (strcmp(e->action, "delete") == 0) {
			rc = store_restore(s, v, e->kind, e->record_id);
			continue;
		}
		struct field_errors errors;
		field_errors_init(&errors, a);
		rc = store_update_as(s, a, v, previous_values(a, e, k), "update", NULL, &errors);
		if (rc == STORE_INVALID)
			copy_errors(conflicts, &errors);
	}
	if (rc == STORE_OK) {
		struct field_errors errors;
		field_errors_init(&errors, a);
		rc = store_update_as(s, a, v, previous_values(a, &log.last, NULL), "unmerge", NULL, &errors);
		if (rc == STORE_INVALID)
			copy_errors(conflicts, &errors);
	}
	return rc;
}

int store_merge_undo(struct store *s, struct arena *a, const struct viewer *v, int64_t merge_id,
		     struct field_errors *conflicts)
{
	if (store_batch_begin(s) != STORE_OK)
		return STORE_ERROR;
	int rc = do_undo(s, a, v, merge_id, conflicts);
	if (store_batch_end(s, rc == STORE_OK) != STORE_OK && rc == STORE_OK)
		rc = STORE_ERROR;
	return rc;
}

int store_recent_merges(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, size_t limit,
			struct merge_info **out, size_t *count)
{
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	*count = 0;
	if (!mergeable(k))
		return STORE_OK;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT id FROM history"
						 " WHERE id > (SELECT coalesce(max(last_id), 0) FROM history_head) - ?1"
						 " AND kind = ?2 AND action = 'merge' ORDER BY id DESC LIMIT 200") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, RECENT_ENTRIES);
	db_bind_text(st, 2, k->name);
	int64_t ids[200];
	size_t n = 0;
	while (n < 200 && db_step(st) == DB_ROW)
		ids[n++] = db_column_int(st, 0);
	db_stmt_done(st);
	for (size_t i = 0; i < n && *count < limit; i++) {
		struct merge_info info;
		struct record *keep;
		/* drop's entries are not merges; a merge undone or whose kept
		 * record went to the bin since has nothing left to undo. */
		if (store_merge_info(s, a, v, ids[i], &info) != STORE_OK || info.undone ||
		    store_read_record(s, db, a, v, k, info.keep, 0, &keep) != STORE_OK)
			continue;
		(*out)[(*count)++] = info;
	}
	return STORE_OK;
}
