/*
 * attachments.c - files attached to records, stored once per content
 * (SHA-256) in the database itself, so that a backup of the one file holds
 * everything and an attachment is written in the same transaction as its
 * history entry.  See store/activity.h.
 */
#include "store/activity.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"
#include "store/store_internal.h"
#include "store/workflow.h"

/* A name a file may keep: not empty, at most 200 characters of valid UTF-8
 * without control characters or path separators.  NULL when fine, else
 * the msgid of the problem. */
static const char *filename_problem(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0)
		return N_("The file has no name.");
	if (!text_utf8_valid(name, n, NULL) || text_has_control(name, n))
		return N_("The file's name holds characters that are not allowed.");
	if (strpbrk(name, "/\\") || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return N_("The file's name holds characters that are not allowed.");
	if (text_length(name) > 200)
		return N_("The file's name is too long: at most 200 characters.");
	return NULL;
}

struct attach_ctx {
	struct arena *a;
	const struct viewer *v;
	const struct kind *k;
	int64_t id;
	const char *filename, *mime, *text;
	const void *data;
	size_t len;
	int64_t attachment_id;
	struct field_errors *errors;
};

/* May v change the files of record r?  As for changing the record itself,
 * and only in an editable state of its workflow. */
static int may_change_files(struct store *s, struct db *db, const struct viewer *v, const struct record *r,
			    struct field_errors *errors)
{
	if (!store_may_write(s, db, v, r, ACT_UPDATE))
		return STORE_FORBIDDEN;
	const struct workflow *w = r->kind->workflow;
	if (w && !workflow_state_in(w->editable, store_workflow_state(r))) {
		field_errors_add(errors, "", N_("It can no longer be changed in its present state ({}): return or reopen it first."),
				 store_workflow_state(r));
		return STORE_CONFLICT;
	}
	return STORE_OK;
}

static int reindex(struct store *s, struct db *db, struct arena *a, const struct kind *k, int64_t id)
{
	struct viewer system = store_system_viewer("store");
	struct record *r;
	int rc = store_read_record(s, db, a, &system, k, id, 0, &r);
	return rc == STORE_OK ? store_index_record(s, db, k, id, r) : rc;
}

static int do_attach(struct store *s, void *p)
{
	struct attach_ctx *c = p;
	struct db *db = s->writer;
	struct record *r;
	int rc = store_read_record(s, db, c->a, c->v, c->k, c->id, 0, &r);
	if (rc != STORE_OK)
		return rc;
	rc = may_change_files(s, db, c->v, r, c->errors);
	if (rc != STORE_OK)
		return rc;
	char sha[CRYPTO_SHA256_HEX_SIZE], now[21];
	crypto_sha256_hex(c->data, c->len, sha);
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "INSERT INTO blob (sha256, size, mime, data, text, created_at)"
					    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO NOTHING");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, sha);
	db_bind_int(st, 2, (int64_t)c->len);
	db_bind_text(st, 3, c->mime);
	db_bind_blob(st, 4, c->data, c->len);
	db_bind_text(st, 5, c->text && *c->text ? c->text : NULL);
	db_bind_text(st, 6, now);
	rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	if (rc != STORE_OK)
		return rc;
	st = db_prepare(db, "INSERT INTO attachment (kind, record_id, sha256, filename, mime, size, account_id, created_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, c->k->name);
	db_bind_int(st, 2, c->id);
	db_bind_text(st, 3, sha);
	db_bind_text(st, 4, c->filename);
	db_bind_text(st, 5, c->mime);
	db_bind_int(st, 6, (int64_t)c->len);
	if (c->v->account_id)
		db_bind_int(st, 7, c->v->account_id);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, now);
	rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	if (rc != STORE_OK)
		return rc;
	c->attachment_id = db_last_insert_id(db);
	rc = reindex(s, db, c->a, c->k, c->id);
	if (rc == STORE_OK)
		rc = store_history_append(s, db, c->v, c->k, c->id, arena_printf(c->a, "attach %s", c->filename), NULL, NULL);
	return rc;
}

int store_attach(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		 const char *filename, const char *mime, const void *data, size_t len, const char *text,
		 int64_t *attachment_id, struct field_errors *errors)
{
	if (!store_kind_takes_files(k))
		return STORE_NOT_FOUND;
	const char *problem = filename_problem(filename);
	if (problem) {
		field_errors_add(errors, "file", problem, NULL);
		return STORE_INVALID;
	}
	if (len == 0) {
		field_errors_add(errors, "file", N_("The file is empty."), NULL);
		return STORE_INVALID;
	}
	struct attach_ctx c = {.a = a, .v = v, .k = k, .id = id, .filename = filename, .mime = mime, .text = text,
			       .data = data, .len = len, .errors = errors};
	int rc = store_in_write(s, do_attach, &c);
	if (rc == STORE_OK && attachment_id)
		*attachment_id = c.attachment_id;
	return rc;
}

#define ATTACHMENT_COLUMNS "SELECT id, kind, record_id, filename, mime, sha256, size, created_at FROM attachment "

static void read_row(struct arena *a, struct db_stmt *st, struct attachment *out)
{
	out->id = db_column_int(st, 0);
	out->kind = arena_strdup(a, db_column_text(st, 1));
	out->record_id = db_column_int(st, 2);
	out->filename = arena_strdup(a, db_column_text(st, 3));
	out->mime = arena_strdup(a, db_column_text(st, 4));
	out->sha256 = arena_strdup(a, db_column_text(st, 5));
	out->size = db_column_int(st, 6);
	out->created_at = arena_strdup(a, db_column_text(st, 7));
}

int store_kind_takes_files(const struct kind *k)
{
	return k->timeline_date != NULL || k->workflow != NULL;
}

int store_attachments(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		      struct attachment **list, size_t *count)
{
	*list = NULL;
	*count = 0;
	if (!store_kind_takes_files(k))
		return STORE_NOT_FOUND;
	struct db *db;
	int rc = store_team_reader(s, a, v, k, id, &db);
	if (rc != STORE_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, ATTACHMENT_COLUMNS "WHERE kind = ?1 AND record_id = ?2 AND deleted_at IS NULL ORDER BY id");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		*list = arena_grow(a, *list, *count, &cap, sizeof(**list));
		read_row(a, st, &(*list)[(*count)++]);
	}
	db_stmt_done(st);
	return STORE_OK;
}

/* The attachment `id` (not removed) whose record v may see. */
static int find_visible(struct store *s, struct db *db, struct arena *a, const struct viewer *v, int64_t id,
			struct attachment *out, struct record **rec)
{
	struct db_stmt *st = db_prepare(db, ATTACHMENT_COLUMNS "WHERE id = ?1 AND deleted_at IS NULL");
	if (!st)
		return STORE_ERROR;
	db_bind_int(st, 1, id);
	int found = db_step(st) == DB_ROW;
	if (found)
		read_row(a, st, out);
	db_stmt_done(st);
	const struct kind *k = found ? model_kind(out->kind) : NULL;
	if (!k)
		return STORE_NOT_FOUND;
	return store_read_record(s, db, a, v, k, out->record_id, 0, rec);
}

int store_attachment_read(struct store *s, struct arena *a, const struct viewer *v, int64_t attachment_id,
			  struct attachment *out, const void **data, size_t *len)
{
	if (!store_viewer_is_team(v))
		return STORE_NOT_FOUND;
	struct db *db = store_reader(s);
	struct record *r;
	if (!db)
		return STORE_ERROR;
	int rc = find_visible(s, db, a, v, attachment_id, out, &r);
	if (rc != STORE_OK)
		return rc;
	struct db_stmt *st = db_prepare(db, "SELECT data FROM blob WHERE sha256 = ?1");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, out->sha256);
	rc = STORE_NOT_FOUND;
	if (db_step(st) == DB_ROW) {
		size_t n = db_column_bytes(st, 0);
		void *copy = arena_alloc(a, n ? n : 1);
		if (n)
			memcpy(copy, db_column_blob(st, 0), n);
		*data = copy;
		*len = n;
		rc = STORE_OK;
	}
	db_stmt_done(st);
	return rc;
}

struct detach_ctx {
	struct arena *a;
	const struct viewer *v;
	int64_t id;
};

static int do_detach(struct store *s, void *p)
{
	struct detach_ctx *c = p;
	struct db *db = s->writer;
	struct attachment att;
	struct record *r;
	struct field_errors ignored;
	field_errors_init(&ignored, c->a);
	int rc = find_visible(s, db, c->a, c->v, c->id, &att, &r);
	if (rc == STORE_OK)
		rc = may_change_files(s, db, c->v, r, &ignored);
	if (rc != STORE_OK)
		return rc;
	char now[21];
	clock_now_iso(now);
	struct db_stmt *st = db_prepare(db, "UPDATE attachment SET deleted_at = ?1 WHERE id = ?2");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, c->id);
	rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
	db_stmt_done(st);
	if (rc == STORE_OK)
		rc = reindex(s, db, c->a, r->kind, r->id);
	if (rc == STORE_OK)
		rc = store_history_append(s, db, c->v, r->kind, r->id, arena_printf(c->a, "detach %s", att.filename), NULL, NULL);
	return rc;
}

int store_detach(struct store *s, struct arena *a, const struct viewer *v, int64_t attachment_id)
{
	struct detach_ctx c = {a, v, attachment_id};
	return store_in_write(s, do_detach, &c);
}
