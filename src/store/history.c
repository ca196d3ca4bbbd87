/* history.c - see history.h.  Entries are appended by the writes of
 * records.c through store_history_append, inside their transaction. */
#include "store/history.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/crypto.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* A field's values as compact JSON: a string or null for a scalar, an
 * array for a multi-valued field (objects when values carry a language). */
static char *field_json(const struct record *r, size_t i)
{
	const struct field *f = &r->kind->fields[i];
	const struct field_values *fv = &r->values[i];
	json_t *j;
	if (!(f->flags & F_MULTI)) {
		j = fv->count ? json_string(fv->items[0].text) : json_null();
	} else {
		j = json_array();
		for (size_t k = 0; k < fv->count; k++) {
			const struct value *v = &fv->items[k];
			if (f->flags & (F_LANG | F_ACRONYM))
				json_array_append_new(j, json_pack("{s:s, s:s?, s:b}", "value", v->text, "lang", v->lang,
								   "acronym", v->acronym));
			else
				json_array_append_new(j, json_string(v->text));
		}
		if (fv->count == 0) {
			json_decref(j);
			j = json_null();
		}
	}
	char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(j);
	return text;
}

static void value_hash(const char *salt, const char *json, char out[65])
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\t%s", salt, json);
	crypto_sha256_hex(b.data, b.len, out);
	buf_release(&b);
}

/* A side's hash: stored, or implied when the side is absent (a value that
 * was null is written without its hash, see store_history_append); the
 * implied one is computed into null_hash ("" until needed) once. */
static const char *side_hash(json_t *c, const char *key, const char *salt, char null_hash[65])
{
	const char *h = json_string_value(json_object_get(c, key));
	if (h)
		return h;
	if (!null_hash[0])
		value_hash(salt, "null", null_hash);
	return null_hash;
}

/* The hash of an entry from its parts; changes is the stored JSON object
 * (field → {old, new, old_h, new_h}, a null side left out). */

static void entry_hash(const char *prev, int64_t id, const char *at, int64_t account_id, const char *actor,
		       const char *origin, const char *address, const char *kind, int64_t record_id, const char *action,
		       const char *salt, json_t *changes, char out[65])
{
	char null_hash[65] = "";
	struct buf digest = BUF_INIT, whole = BUF_INIT;
	const char *field;
	json_t *c;
	/* json_object_foreach follows insertion order; sort for stability. */
	size_t n = json_object_size(changes), k = 0;
	const char **keys = calloc(n ? n : 1, sizeof(*keys));
	json_object_foreach(changes, field, c)
		keys[k++] = field;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
			const char *t = keys[j];
			keys[j] = keys[j - 1];
			keys[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		c = json_object_get(changes, keys[i]);
		buf_printf(&digest, "%s\t%s\t%s\n", keys[i], side_hash(c, "old_h", salt, null_hash),
			   side_hash(c, "new_h", salt, null_hash));
	}
	free(keys);
	char d[65];
	crypto_sha256_hex(digest.data ? digest.data : "", digest.len, d);
	buf_printf(&whole, "%s\n%lld\n%s\n%lld\n%s\n%s\n%s\n%s\n%lld\n%s\n%s", prev, (long long)id, at, (long long)account_id,
		   actor, origin, address ? address : "", kind, (long long)record_id, action, d);
	crypto_sha256_hex(whole.data, whole.len, out);
	buf_release(&digest);
	buf_release(&whole);
}

int store_history_append(struct store *s, struct db *db, const struct viewer *v, const struct kind *k, int64_t id,
			 const char *action, const struct record *before, const struct record *after)
{
	(void)s;
	char salt[CRYPTO_TOKEN_SIZE];
	crypto_random_token(salt);
	json_t *changes = json_object();
	for (size_t i = 0; i < k->nfields; i++) {
		char *old = before ? field_json(before, i) : strdup("null");
		char *new_ = after ? field_json(after, i) : strdup("null");
		if (strcmp(old, new_) != 0) {
			/* A side that is null is left out, value and hash: its hash
			 * is implied (side_hash).  A creation's entry is then half
			 * as long, and the history is most of the database. */
			json_t *c = json_object();
			const char *sides[2][3] = {{"old", "old_h", old}, {"new", "new_h", new_}};
			for (int side = 0; side < 2; side++) {
				if (strcmp(sides[side][2], "null") == 0)
					continue;
				char h[65];
				value_hash(salt, sides[side][2], h);
				json_object_set_new(c, sides[side][0], json_string(sides[side][2]));
				json_object_set_new(c, sides[side][1], json_string(h));
			}
			json_object_set_new(changes, k->fields[i].name, c);
		}
		free(old);
		free(new_);
	}
	int rc = STORE_ERROR;
	struct db_stmt *st = db_prepare(db, "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1");
	if (!st)
		goto out;
	int64_t next = 1;
	char prev[65] = GENESIS;
	if (db_step(st) == DB_ROW) {
		next = db_column_int(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", db_column_text(st, 1));
	}
	db_stmt_done(st);
	char at[21], hash[65];
	clock_now_iso(at);
	const char *actor = v && v->label ? v->label : v && v->role == ROLE_SYSTEM ? "system" : "anonymous";
	const char *origin = v && v->origin ? v->origin : "web";
	const char *address = v ? v->address : NULL;
	int64_t account = v ? v->account_id : 0;
	entry_hash(prev, next, at, account, actor, origin, address, k->name, id, action, salt, changes, hash);
	char *changes_text = json_dumps(changes, JSON_COMPACT | JSON_SORT_KEYS);
	st = db_prepare(db, "INSERT INTO history (id, at, account_id, actor, origin, address, kind, record_id, action, changes,"
			    " salt, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	if (st) {
		db_bind_int(st, 1, next);
		db_bind_text(st, 2, at);
		if (account)
			db_bind_int(st, 3, account);
		else
			db_bind_null(st, 3);
		db_bind_text(st, 4, actor);
		db_bind_text(st, 5, origin);
		db_bind_text(st, 6, address);
		db_bind_text(st, 7, k->name);
		db_bind_int(st, 8, id);
		db_bind_text(st, 9, action);
		db_bind_text(st, 10, changes_text);
		db_bind_text(st, 11, salt);
		db_bind_text(st, 12, prev);
		db_bind_text(st, 13, hash);
		rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
		db_stmt_done(st);
	}
	st = rc == STORE_OK ? db_prepare(db, "INSERT INTO history_head (one, last_id, last_hash) VALUES (1, ?1, ?2)"
					     " ON CONFLICT (one) DO UPDATE SET last_id = ?1, last_hash = ?2") : NULL;
	if (st) {
		db_bind_int(st, 1, next);
		db_bind_text(st, 2, hash);
		rc = db_step(st) == DB_DONE ? STORE_OK : STORE_ERROR;
		db_stmt_done(st);
	} else if (rc == STORE_OK) {
		rc = STORE_ERROR;
	}
	free(changes_text);
out:
	json_decref(changes);
	return rc;
}

static struct history_entry *read_entries(struct arena *a, struct db_stmt *st, size_t *count)
{
	size_t cap = 16, n = 0;
	struct history_entry *list = arena_alloc(a, cap * sizeof(*list));
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			struct history_entry *bigger = arena_alloc(a, cap * 2 * sizeof(*list));
			memcpy(bigger, list, n * sizeof(*list));
			list = bigger;
			cap *= 2;
		}
		struct history_entry *e = &list[n++];
		e->id = db_column_int(st, 0);
		e->at = arena_strdup(a, db_column_text(st, 1));
		e->account_id = db_column_int(st, 2);
		e->actor = arena_strdup(a, db_column_text(st, 3));
		e->origin = arena_strdup(a, db_column_text(st, 4));
		e->address = arena_strdup(a, db_column_text(st, 5));
		e->kind = arena_strdup(a, db_column_text(st, 6));
		e->record_id = db_column_int(st, 7);
		e->action = arena_strdup(a, db_column_text(st, 8));
		json_t *changes = json_loads(db_column_text(st, 9), 0, NULL);
		e->nchanges = json_object_size(changes);
		e->changes = arena_alloc(a, (e->nchanges ? e->nchanges : 1) * sizeof(*e->changes));
		size_t k = 0;
		const char *field;
		json_t *c;
		json_object_foreach(changes, field, c) {
			struct history_change *hc = &e->changes[k++];
			hc->field = arena_strdup(a, field);
			json_t *old = json_object_get(c, "old"), *new_ = json_object_get(c, "new");
			hc->old_json = arena_strdup(a, json_is_string(old) ? json_string_value(old) : "null");
			hc->new_json = arena_strdup(a, json_is_string(new_) ? json_string_value(new_) : "null");
			hc->erased = json_is_true(json_object_get(c, "erased"));
		}
		json_decref(changes);
	}
	*count = n;
	return list;
}

#define ENTRY_COLUMNS "id, at, account_id, actor, origin, address, kind, record_id, action, changes"

int store_history(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		  struct history_entry **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct db *db = store_reader(s);
	if (!db)
		return STORE_ERROR;
	struct record *r;
	int rc = store_read_record(s, db, a, v, k, id, 1, &r);
	if (rc != STORE_OK)
		return rc;
	if (!permission_allows(v ? v->role : ROLE_ANONYMOUS, k, ACT_HISTORY))
		return STORE_FORBIDDEN;
	struct db_stmt *st = db_prepare(db, "SELECT " ENTRY_COLUMNS " FROM history WHERE kind = ?1 AND record_id = ?2 ORDER BY id DESC");
	if (!st)
		return STORE_ERROR;
	db_bind_text(st, 1, k->name);
	db_bind_int(st, 2, id);
	*out = read_entries(a, st, count);
	db_stmt_done(st);
	return STORE_OK;
}

int store_history_version(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
			  int64_t entry_id, struct record **out)
{
	struct history_entry *entries;
	size_t n;
	int rc = store_history(s, a, v, k, id, &entries, &n);
	if (rc != STORE_OK)
		return rc;
	int found = 0;
	for (size_t i = 0; i < n; i++)
		found |= entries[i].id == entry_id;
	if (!found)
		return STORE_NOT_FOUND;
	struct record *r = record_new(a, k);
	r->id = id;
	/* Oldest to newest up to the entry: the last value of each field wins. */
	for (size_t i = n; i-- > 0;) {
		if (entries[i].id > entry_id)
			continue;
		for (size_t c = 0; c < entries[i].nchanges; c++) {
			int f = model_field_index(k, entries[i].changes[c].field);
			if (f < 0 || entries[i].changes[c].erased)
				continue;
			record_clear(r, f);
			json_t *j = json_loads(entries[i].changes[c].new_json, JSON_DECODE_ANY, NULL);
			if (json_is_string(j)) {
				record_add(r, f, json_string_value(j), NULL, 0);
			} else if (json_is_array(j)) {
				size_t x;
				json_t *item;
				json_array_foreach(j, x, item) {
					if (json_is_string(item))
						record_add(r, f, json_string_value(item), NULL, 0);
					else
						record_add(r, f, json_string_value(json_object_get(item, "value")),
							   json_string_value(json_object_get(item, "lang")),
							   json_is_true(json_object_get(item, "acronym")));
				}
			}
			json_decref(j);
		}
	}
	for (size_t f = 0; f < k->nfields; f++)
		r->values[f].present = 1;
	*out = r;
	return STORE_OK;
}

int store_audit_verify(struct store *s, int64_t *first_bad, int64_t *checked, char *err, size_t errlen)
{
	*first_bad = 0;
	*checked = 0;
	struct db *db = store_reader(s);
	if (!db)
		return -1;
	struct db_stmt *st = db_prepare(db, "SELECT id, at, coalesce(account_id, 0), actor, origin, address, kind, record_id,"
					    " action, changes, salt, prev_hash, hash FROM history ORDER BY id");
	if (!st) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		return -1;
	}
	char prev[65] = GENESIS;
	int64_t expected_id = 1;
	int bad = 0;
	while (!bad && db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		const char *salt = db_column_text(st, 10);
		json_t *changes = json_loads(db_column_text(st, 9), 0, NULL);
		char hash[65];
		if (id != expected_id) {
			snprintf(err, errlen, "entry %lld is missing (the next one is %lld)", (long long)expected_id, (long long)id);
			*first_bad = expected_id;
			bad = 1;
		} else if (!json_is_object(changes)) {
			snprintf(err, errlen, "entry %lld: its changes are not readable", (long long)id);
			bad = 1;
		} else if (strcmp(db_column_text(st, 11), prev) != 0) {
			snprintf(err, errlen, "entry %lld does not follow entry %lld (previous hash differs)", (long long)id,
				 (long long)id - 1);
			bad = 1;
		}
		const char *field;
		json_t *c;
		if (!bad)
			json_object_foreach(changes, field, c) {
				if (json_is_true(json_object_get(c, "erased"))) {
					/* An erased value is gone: anything else under the mark is a forgery. */
					if (!json_is_null(json_object_get(c, "old")) || !json_is_null(json_object_get(c, "new"))) {
						snprintf(err, errlen, "entry %lld: \"%s\" is marked erased but holds a value",
							 (long long)id, field);
						bad = 1;
						break;
					}
					continue;
				}
				char h[65];
				const char *sides[2][2] = {{"old", "old_h"}, {"new", "new_h"}};
				for (int side = 0; side < 2 && !bad; side++) {
					json_t *val = json_object_get(c, sides[side][0]);
					if (!val && !json_object_get(c, sides[side][1]))
						continue; /* null, its hash implied (and so in the entry's hash) */
					value_hash(salt, json_is_string(val) ? json_string_value(val) : "", h);
					if (!json_is_string(val) || strcmp(h, json_string_value(json_object_get(c, sides[side][1])) ?
										 json_string_value(json_object_get(c, sides[side][1])) : "") != 0) {
						snprintf(err, errlen, "entry %lld: the %s value of \"%s\" was changed", (long long)id,
							 sides[side][0], field);
						bad = 1;
					}
				}
				if (bad)
					break;
			}
		if (!bad) {
			entry_hash(prev, id, db_column_text(st, 1), db_column_int(st, 2), db_column_text(st, 3),
				   db_column_text(st, 4), db_column_text(st, 5), db_column_text(st, 6), db_column_int(st, 7),
				   db_column_text(st, 8), salt, changes, hash);
			if (strcmp(hash, db_column_text(st, 12)) != 0) {
				snprintf(err, errlen, "entry %lld was changed after it was written (its hash differs)", (long long)id);
				bad = 1;
			}
		}
		json_decref(changes);
		if (bad) {
			if (!*first_bad)
				*first_bad = id;
			break;
		}
		snprintf(prev, sizeof(prev), "%s", db_column_text(st, 12));
		expected_id = id + 1;
		(*checked)++;
	}
	db_stmt_done(st);
	if (!bad) {
		/* The chain must end where the head says: nothing removed at the end. */
		st = db_prepare(db, "SELECT last_id, last_hash FROM history_head WHERE one = 1");
		if (!st) {
			snprintf(err, errlen, "%s", db_errmsg(db));
			return -1;
		}
		int has_head = db_step(st) == DB_ROW;
		int64_t head_id = has_head ? db_column_int(st, 0) : 0;
		int same = has_head ? strcmp(db_column_text(st, 1), prev) == 0 : expected_id == 1;
		db_stmt_done(st);
		if (head_id != expected_id - 1 || !same) {
			snprintf(err, errlen, "the history ends at entry %lld but its head says %lld: entries were removed",
				 (long long)(expected_id - 1), (long long)head_id);
			*first_bad = expected_id;
			bad = 1;
		}
	}
	return bad ? 1 : 0;
}

struct note_ctx {
	const struct viewer *v;
	const struct kind *k;
	const char *action;
};

static int note(struct store *s, void *p)
{
	struct note_ctx *c = p;
	return store_history_append(s, store_writer(s), c->v, c->k, 0, c->action, NULL, NULL);
}

int store_history_note(struct store *s, const struct viewer *v, const struct kind *k, const char *action)
{
	struct note_ctx c = {v, k, action};
	return store_in_write(s, note, &c);
}
