/* imports.c - see imports.h. */
#include "store/imports.h"
#include "store/history.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"

int store_check(struct store *s, struct arena *a, const struct viewer *v, struct record *r, struct field_errors *errors)
{
	(void)a;
	if (!permission_allows(v ? v->role : ROLE_ANONYMOUS, r->kind, ACT_CREATE))
		return STORE_FORBIDDEN;
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	if (store_validate(s, db, v, r, errors))
		return STORE_INVALID;
	if (!store_may_write(s, db, v, r, ACT_CREATE)) {
		field_errors_add(errors, "", N_("Your role does not allow this."), NULL);
		return STORE_INVALID;
	}
	return STORE_OK;
}

/* The first visible record of kind k for which sql (one parameter) finds
 * an id, or 0. */
static int64_t first_match(struct store *s, struct db *db, struct arena *a, const struct viewer *v, const struct kind *k,
			   const char *sql, const char *p1, const char *p2)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return 0;
	db_bind_text(st, 1, p1);
	if (p2)
		db_bind_text(st, 2, p2);
	int64_t ids[8];
	size_t n = 0;
	while (n < 8 && db_step(st) == DB_ROW)
		ids[n++] = db_column_int(st, 0);
	db_stmt_done(st);
	for (size_t i = 0; i < n; i++) {
		struct record *r;
		if (store_read_record(s, db, a, v, k, ids[i], 0, &r) == STORE_OK)
			return ids[i];
	}
	return 0;
}

int64_t store_match(struct store *s, struct arena *a, const struct viewer *v, const struct record *r, const char **reason)
{
	struct db *db = store_reader(s);
	*reason = NULL;
	if (!db)
		return 0;
	int64_t id = 0;
	if (r->kind == &model_organization) {
		static const char *ids[] = {"siren", "siret", "rna", "other_id"};
		for (size_t i = 0; i < 4 && !id; i++) {
			const char *value = record_get_by_name(r, ids[i]);
			if (!value)
				continue;
			char sql[160];
			snprintf(sql, sizeof(sql), "SELECT id FROM organization WHERE %s = ?1 AND deleted_at IS NULL", ids[i]);
			id = first_match(s, db, a, v, r->kind, sql, value, NULL);
			if (id)
				*reason = N_("same identifier");
		}
		const char *email = record_get_by_name(r, "email");
		if (!id && email) {
			id = first_match(s, db, a, v, r->kind, "SELECT id FROM organization WHERE lower(email) = lower(?1) AND deleted_at IS NULL",
					 email, NULL);
			if (id)
				*reason = N_("same email");
		}
		const char *name = record_get_by_name(r, "name"), *territory = record_get_by_name(r, "territory");
		if (!id && name) {
			const char *key = text_fold(a, name);
			id = territory ? first_match(s, db, a, v, r->kind, "SELECT id FROM organization WHERE name_key = ?1 AND territory = ?2"
									 " AND deleted_at IS NULL", key, territory)
				       : first_match(s, db, a, v, r->kind, "SELECT id FROM organization WHERE name_key = ?1 AND deleted_at IS NULL",
						     key, NULL);
			if (id)
				*reason = N_("same name in the same territory");
		}
	} else if (r->kind == &model_person) {
		int emails = model_field_index(r->kind, "emails");
		for (size_t j = 0; emails >= 0 && j < r->values[emails].count && !id; j++) {
			id = first_match(s, db, a, v, r->kind, "SELECT record_id FROM record_value WHERE kind = 'person' AND field = 'emails'"
								" AND folded = ?1", text_fold(a, r->values[emails].items[j].text), NULL);
			if (id)
				*reason = N_("same email");
		}
		if (!id) {
			const char *family = record_get_by_name(r, "family_name"), *given = record_get_by_name(r, "given_name");
			const char *key = text_fold(a, arena_printf(a, "%s %s", family ? family : "", given ? given : ""));
			id = first_match(s, db, a, v, r->kind, "SELECT id FROM person WHERE name_key = ?1 AND deleted_at IS NULL", key, NULL);
			if (id)
				*reason = N_("same name");
		}
	}
	return id;
}

const char *import_origin(struct arena *a, int64_t id)
{
	return arena_printf(a, "import#%lld", (long long)id);
}

/* ---- batches ---- */

struct batch_ctx {
	const struct import_batch *b;
	const struct viewer *v;
	const void *data;
	size_t size;
	int64_t id;
	const char *sha;
};

static int batch_insert(struct store *s, void *p)
{
	struct batch_ctx *c = p;
	struct db *db = store_writer(s);
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "INSERT INTO import_batch (account_id, kind, file_name, file_sha256, file_size, format,"
					    " encoding, separator, state, created_at, updated_at)"
					    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'uploaded', ?9, ?9)");
	if (!st)
		return STORE_ERROR;
	if (c->v && c->v->account_id)
		db_bind_int(st, 1, c->v->account_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, c->b->kind);
	db_bind_text(st, 3, c->b->file_name);
	db_bind_text(st, 4, c->sha);
	db_bind_int(st, 5, (int64_t)c->size);
	db_bind_text(st, 6, c->b->format);
	db_bind_text(st, 7, c->b->encoding);
	db_bind_text(st, 8, c->b->separator);
	db_bind_text(st, 9, now);
	int rc = db_step(st);
	db_stmt_done(st);
	if (rc != DB_DONE)
		return STORE_ERROR;
	c->id = db_last_insert_id(db);
	st = db_prepare(db, "INSERT INTO import_file (batch_id, data) VALUES (?1, ?2)");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, c->id);
	db_bind_blob(st, 2, c->data, c->size);
	rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int import_batch_create(struct store *s, const struct viewer *v, const char *kind, const char *file_name,
			const void *data, size_t size, const char *format, const char *encoding, const char *separator,
			int64_t *id)
{
	char sha[CRYPTO_SHA256_HEX_SIZE];
	crypto_sha256_hex(data, size, sha);
	struct import_batch b = {.kind = kind, .file_name = file_name, .format = format, .encoding = encoding, .separator = separator};
	struct batch_ctx c = {.b = &b, .v = v, .data = data, .size = size, .sha = sha};
	int rc = store_in_write(s, batch_insert, &c);
	*id = c.id;
	return rc;
}

#define BATCH_COLUMNS "id, coalesce(account_id, 0), kind, file_name, file_size, format, encoding, separator, sheet, mapping," \
	" state, rows_total, rows_invalid, rows_duplicate, created, updated, skipped, report, message, created_at"

static void batch_from_row(struct arena *a, struct db_stmt *st, struct import_batch *b)
{
	b->id = db_column_int(st, 0);
	b->account_id = db_column_int(st, 1);
	b->kind = arena_strdup(a, db_column_text(st, 2));
	b->file_name = arena_strdup(a, db_column_text(st, 3));
	b->file_size = db_column_int(st, 4);
	b->format = arena_strdup(a, db_column_text(st, 5));
	b->encoding = arena_strdup(a, db_column_text(st, 6));
	b->separator = arena_strdup(a, db_column_text(st, 7));
	b->sheet = (int)db_column_int(st, 8);
	b->mapping = arena_strdup(a, db_column_text(st, 9));
	b->state = arena_strdup(a, db_column_text(st, 10));
	b->rows_total = db_column_int(st, 11);
	b->rows_invalid = db_column_int(st, 12);
	b->rows_duplicate = db_column_int(st, 13);
	b->created = db_column_int(st, 14);
	b->updated = db_column_int(st, 15);
	b->skipped = db_column_int(st, 16);
	b->report = arena_strdup(a, db_column_text(st, 17));
	b->message = arena_strdup(a, db_column_text(st, 18));
	b->created_at = arena_strdup(a, db_column_text(st, 19));
}

int import_batch_get(struct store *s, struct arena *a, int64_t id, struct import_batch *out)
{
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT " BATCH_COLUMNS " FROM import_batch WHERE id = ?1") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		batch_from_row(a, st, out);
	db_stmt_done(st);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

int import_batch_list(struct store *s, struct arena *a, int limit, struct import_batch **out, size_t *count)
{
	*count = 0;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT " BATCH_COLUMNS " FROM import_batch ORDER BY id DESC LIMIT ?1") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, limit);
	*out = arena_alloc(a, (size_t)limit * sizeof(**out));
	while (*count < (size_t)limit && db_step(st) == DB_ROW)
		batch_from_row(a, st, &(*out)[(*count)++]);
	db_stmt_done(st);
	return STORE_OK;
}

int import_batch_file(struct store *s, struct arena *a, int64_t id, const void **data, size_t *size)
{
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT data FROM import_file WHERE batch_id = ?1") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		size_t n = db_column_bytes(st, 0);
		char *copy = arena_alloc(a, n + 1);
		if (n)
			memcpy(copy, db_column_blob(st, 0), n);
		*data = copy;
		*size = n;
	}
	db_stmt_done(st);
	return rc == DB_ROW ? STORE_OK : rc == DB_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

static int batch_update(struct store *s, void *p)
{
	struct batch_ctx *c = p;
	const struct import_batch *b = c->b;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s),
		"UPDATE import_batch SET kind = ?1, encoding = ?2, separator = ?3, sheet = ?4, mapping = ?5, state = ?6,"
		" rows_total = ?7, rows_invalid = ?8, rows_duplicate = ?9, created = ?10, updated = ?11, skipped = ?12,"
		" report = ?13, message = ?14, updated_at = ?15 WHERE id = ?16");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, b->kind);
	db_bind_text(st, 2, b->encoding);
	db_bind_text(st, 3, b->separator);
	db_bind_int(st, 4, b->sheet);
	db_bind_text(st, 5, b->mapping);
	db_bind_text(st, 6, b->state);
	db_bind_int(st, 7, b->rows_total);
	db_bind_int(st, 8, b->rows_invalid);
	db_bind_int(st, 9, b->rows_duplicate);
	db_bind_int(st, 10, b->created);
	db_bind_int(st, 11, b->updated);
	db_bind_int(st, 12, b->skipped);
	db_bind_text(st, 13, b->report);
	db_bind_text(st, 14, b->message);
	db_bind_text(st, 15, now);
	db_bind_int(st, 16, b->id);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int import_batch_save(struct store *s, const struct import_batch *b)
{
	struct batch_ctx c = {.b = b};
	return store_in_write(s, batch_update, &c);
}

/* ---- saved mappings ---- */

struct mapping_ctx {
	const struct viewer *v;
	const char *kind, *name, *mapping;
};

static int mapping_insert(struct store *s, void *p)
{
	struct mapping_ctx *c = p;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(store_writer(s), "INSERT INTO import_mapping (account_id, kind, name, mapping, created_at)"
							 " VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return STORE_ERROR;
	if (c->v && c->v->account_id)
		db_bind_int(st, 1, c->v->account_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, c->kind);
	db_bind_text(st, 3, c->name);
	db_bind_text(st, 4, c->mapping);
	db_bind_text(st, 5, now);
	int rc = db_step(st);
	db_stmt_done(st);
	return rc == DB_DONE ? STORE_OK : STORE_ERROR;
}

int import_mapping_save(struct store *s, const struct viewer *v, const char *kind, const char *name, const char *mapping)
{
	struct mapping_ctx c = {v, kind, name, mapping};
	return store_in_write(s, mapping_insert, &c);
}

int import_mapping_list(struct store *s, struct arena *a, const char *kind, struct import_saved_mapping **out, size_t *count)
{
	*count = 0;
	struct db *db = store_reader(s);
	struct db_stmt *st = db ? db_prepare(db, "SELECT id, name, mapping FROM import_mapping WHERE kind = ?1 ORDER BY id DESC LIMIT 50") : NULL;
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, kind);
	*out = arena_alloc(a, 50 * sizeof(**out));
	while (*count < 50 && db_step(st) == DB_ROW) {
		struct import_saved_mapping *m = &(*out)[(*count)++];
		m->id = db_column_int(st, 0);
		m->name = arena_strdup(a, db_column_text(st, 1));
		m->mapping = arena_strdup(a, db_column_text(st, 2));
	}
	db_stmt_done(st);
	return STORE_OK;
}

/* ---- undo ---- */

struct touched {
	const struct kind *kind;
	int64_t record_id;
	int64_t entry_id;
	int created;
};

int import_undo(struct store *s, struct arena *a, const struct viewer *v, int64_t id, struct field_errors *conflicts)
{
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	const char *origin = import_origin(a, id);
	/* Each record the batch touched: its first and last entry in the
	 * batch, whether the batch created it, and its very last entry. */
	struct db_stmt *st = db_prepare(db, "SELECT h.kind, h.record_id, min(h.id), max(h.id), max(h.action = 'create'),"
					    " (SELECT max(l.id) FROM history l WHERE l.kind = h.kind AND l.record_id = h.record_id)"
					    " FROM history h WHERE h.origin = ?1 GROUP BY h.kind, h.record_id ORDER BY min(h.id)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, origin);
	size_t n = 0, cap = 64;
	struct touched *list = malloc(cap * sizeof(*list));
	while (db_step(st) == DB_ROW) {
		const struct kind *k = model_kind(db_column_text(st, 0));
		if (!k)
			continue;
		if (db_column_int(st, 5) != db_column_int(st, 3)) {
			struct record *r;
			const char *title = store_read_record(s, db, a, v, k, db_column_int(st, 1), 1, &r) == STORE_OK
				? record_title(r) : arena_printf(a, "#%lld", (long long)db_column_int(st, 1));
			field_errors_add(conflicts, "", N_("Changed since the import: {}."), title);
			continue;
		}
		if (n == cap) {
			cap *= 2;
			struct touched *more = realloc(list, cap * sizeof(*list));
			if (!more)
				abort();
			list = more;
		}
		list[n++] = (struct touched){k, db_column_int(st, 1), db_column_int(st, 2), (int)db_column_int(st, 4)};
	}
	db_stmt_done(st);
	if (conflicts->count) {
		free(list);
		return STORE_CONFLICT;
	}
	struct viewer undo = *v;
	undo.origin = arena_printf(a, "undo-import#%lld", (long long)id);
	int rc = store_batch_begin(s);
	for (size_t i = 0; rc == STORE_OK && i < n; i++) {
		if (list[i].created) {
			rc = store_delete(s, &undo, list[i].kind, list[i].record_id);
		} else {
			/* The version just before the import's change. */
			struct history_entry *entries;
			size_t ne;
			rc = store_history(s, a, &undo, list[i].kind, list[i].record_id, &entries, &ne);
			int64_t before = 0;
			for (size_t j = 0; rc == STORE_OK && j < ne; j++)
				if (entries[j].id < list[i].entry_id && entries[j].id > before)
					before = entries[j].id;
			struct record *version;
			if (rc == STORE_OK && before)
				rc = store_history_version(s, a, &undo, list[i].kind, list[i].record_id, before, &version);
			if (rc == STORE_OK && before) {
				struct field_errors errors;
				field_errors_init(&errors, a);
				rc = store_update_as(s, a, &undo, version, "undo-import", NULL, &errors);
			}
		}
	}
	free(list);
	return store_batch_end(s, rc == STORE_OK) == STORE_OK ? rc : STORE_ERROR;
}
