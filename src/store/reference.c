/*
 * reference.c - the reference lists: territories (ISO 3166 countries and
 * territories, French regions), DAC sectors and their categories, SDGs.
 *
 * Shipped as CSV files under data/ref/ (embedded in the binary), loaded
 * into ref_item when the database is created, then held in memory,
 * read-only, sorted by code, for labels and for resolving what a user
 * typed ("Martinique" → MQ; "Saint-Martin" alone is ambiguous: MF or SX).
 */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/embedded.h"
#include "base/text.h"
#include "io/csv.h"

struct ref_source {
	const char *list;
	const char *file;
	const char *code, *parent, *kind, *name[3], *lat, *lon;
};

static const struct ref_source sources[] = {
	{"territory", "data/ref/territories.csv", "code", "parent", "kind", {"name_fr", "name_en", "name_es"}, "lat", "lon"},
	{"sector", "data/ref/sectors.csv", "code", "category", NULL, {"name_fr", "name_en", "name_es"}, NULL, NULL},
	{"sector_category", "data/ref/sector-categories.csv", "code", NULL, NULL, {"name_fr", "name_en", "name_es"}, NULL, NULL},
	{"sdg", "data/ref/sdgs.csv", "goal", NULL, NULL, {"short_fr", "short_en", "short_es"}, NULL, NULL},
};
#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

static int column_of(const struct csv_row *header, const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < header->count; i++)
		if (strcmp(header->fields[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *cell(const struct csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->count && row->fields[col][0] ? row->fields[col] : NULL;
}

/* Insert one CSV file's rows into ref_item, in the current transaction. */
static int load_source(struct db *db, const struct ref_source *src, char *err, size_t errlen)
{
	const struct embedded_file *f = embedded_find(src->file);
	if (!f) {
		snprintf(err, errlen, "%s is missing from the binary", src->file);
		return -1;
	}
	struct csv_reader *r = csv_reader_new((const char *)f->data, f->size, ',');
	struct csv_row header, row;
	if (!r || csv_next_row(r, &header) != 1) {
		snprintf(err, errlen, "%s: no header row", src->file);
		csv_reader_free(r);
		return -1;
	}
	int c_code = column_of(&header, src->code), c_parent = column_of(&header, src->parent),
	    c_kind = column_of(&header, src->kind), c_lat = column_of(&header, src->lat), c_lon = column_of(&header, src->lon);
	int c_name[3];
	for (int i = 0; i < 3; i++)
		c_name[i] = column_of(&header, src->name[i]);
	/* The header row's storage is reused by the next row: keep indexes only. */
	if (c_code < 0 || c_name[0] < 0 || c_name[1] < 0) {
		snprintf(err, errlen, "%s: missing columns", src->file);
		csv_reader_free(r);
		return -1;
	}
	struct db_stmt *st = db_prepare(db, "INSERT INTO ref_item (list, code, parent, kind, name_fr, name_en, name_es, lat, lon) "
					    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	int rc = 0, got;
	while (st && (got = csv_next_row(r, &row)) == 1) {
		const char *code = cell(&row, c_code);
		if (!code)
			continue;
		const char *fr = cell(&row, c_name[0]), *en = cell(&row, c_name[1]), *es = cell(&row, c_name[2]);
		db_bind_text(st, 1, src->list);
		db_bind_text(st, 2, code);
		db_bind_text(st, 3, cell(&row, c_parent));
		db_bind_text(st, 4, cell(&row, c_kind));
		db_bind_text(st, 5, fr ? fr : en ? en : code);
		db_bind_text(st, 6, en ? en : fr ? fr : code);
		db_bind_text(st, 7, es ? es : en ? en : fr ? fr : code);
		const char *lat = cell(&row, c_lat), *lon = cell(&row, c_lon);
		if (lat && lon) {
			db_bind_double(st, 8, strtod(lat, NULL));
			db_bind_double(st, 9, strtod(lon, NULL));
		} else {
			db_bind_null(st, 8);
			db_bind_null(st, 9);
		}
		int s = db_step(st);
		db_stmt_done(st);
		if (s != DB_DONE) {
			snprintf(err, errlen, "%s line %zu: %s", src->file, csv_line(r), db_errmsg(db));
			rc = -1;
			break;
		}
	}
	if (!st) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		rc = -1;
	} else if (rc == 0 && got < 0) {
		snprintf(err, errlen, "%s: %s", src->file, csv_error(r));
		rc = -1;
	}
	csv_reader_free(r);
	return rc;
}

/* Codes in their natural order: numbers by value (SDG 2 before 10),
 * others as text. */
static int compare_codes(const char *x, const char *y)
{
	size_t nx = strspn(x, "0123456789"), ny = strspn(y, "0123456789");
	if (nx && ny && !x[nx] && !y[ny] && nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

static int compare_items(const void *a, const void *b)
{
	return compare_codes(((const struct ref_item *)a)->code, ((const struct ref_item *)b)->code);
}

int store_refs_load(struct store *s, char *err, size_t errlen)
{
	struct db *db = s->writer;
	/* The shipped lists' fingerprint: when a release changes them, the
	 * database's copy is replaced (nothing refers to ref_item rows but by
	 * code). */
	struct buf all = BUF_INIT;
	for (size_t i = 0; i < NSOURCES; i++) {
		const struct embedded_file *f = embedded_find(sources[i].file);
		if (f)
			buf_append(&all, f->data, f->size);
	}
	char version[CRYPTO_SHA256_HEX_SIZE];
	crypto_sha256_hex(all.data ? all.data : "", all.len, version);
	buf_release(&all);
	struct db_stmt *st = db_prepare(db, "SELECT value FROM ref_meta WHERE key = 'version'");
	if (!st) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		return -1;
	}
	int current = db_step(st) == DB_ROW && strcmp(db_column_text(st, 0), version) == 0;
	db_stmt_done(st);
	if (!current) {
		if (db_begin(db) != DB_OK || db_exec(db, "DELETE FROM ref_item") != DB_OK) {
			snprintf(err, errlen, "%s", db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		for (size_t i = 0; i < NSOURCES; i++)
			if (load_source(db, &sources[i], err, errlen) != 0) {
				db_rollback(db);
				return -1;
			}
		st = db_prepare(db, "INSERT INTO ref_meta (key, value) VALUES ('version', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1");
		int rc = DB_ERROR;
		if (st) {
			db_bind_text(st, 1, version);
			rc = db_step(st);
			db_stmt_done(st);
		}
		if (rc != DB_DONE || db_commit(db) != DB_OK) {
			snprintf(err, errlen, "%s", db_errmsg(db));
			db_rollback(db);
			return -1;
		}
	}
	for (size_t i = 0; i < NSOURCES; i++) {
		struct ref_list *l = &s->refs[s->nrefs++];
		l->name = sources[i].list;
		st = db_prepare(db, "SELECT code, parent, kind, name_fr, name_en, name_es, lat, lon FROM ref_item WHERE list = ?1");
		if (!st) {
			snprintf(err, errlen, "%s", db_errmsg(db));
			return -1;
		}
		db_bind_text(st, 1, l->name);
		size_t cap = 0;
		while (db_step(st) == DB_ROW) {
			if (l->count == cap) {
				cap = cap ? cap * 2 : 64;
				struct ref_item *items = arena_alloc(&s->ref_arena, cap * sizeof(*items));
				if (l->count)
					memcpy(items, l->items, l->count * sizeof(*items));
				l->items = items;
			}
			struct ref_item *it = &l->items[l->count++];
			it->code = arena_strdup(&s->ref_arena, db_column_text(st, 0));
			it->parent = arena_strdup(&s->ref_arena, db_column_text(st, 1));
			it->kind = arena_strdup(&s->ref_arena, db_column_text(st, 2));
			for (int j = 0; j < 3; j++) {
				it->name[j] = arena_strdup(&s->ref_arena, db_column_text(st, 3 + j));
				it->folded[j] = text_fold(&s->ref_arena, it->name[j]);
			}
			it->has_coordinates = !db_column_is_null(st, 6);
			it->lat = db_column_double(st, 6);
			it->lon = db_column_double(st, 7);
		}
		db_stmt_done(st);
		if (l->count)
			qsort(l->items, l->count, sizeof(*l->items), compare_items);
	}
	return 0;
}

void store_refs_release(struct store *s)
{
	arena_release(&s->ref_arena);
	s->nrefs = 0;
}

static const struct ref_list *find_list(const struct store *s, const char *list)
{
	for (size_t i = 0; i < s->nrefs; i++)
		if (strcmp(s->refs[i].name, list) == 0)
			return &s->refs[i];
	return NULL;
}

const struct ref_item *store_ref_items(const struct store *s, const char *list, size_t *count)
{
	const struct ref_list *l = find_list(s, list);
	*count = l ? l->count : 0;
	return l ? l->items : NULL;
}

const struct ref_item *store_ref_find(const struct store *s, const char *list, const char *code)
{
	const struct ref_list *l = find_list(s, list);
	if (!l || !code)
		return NULL;
	struct ref_item key = {.code = code};
	return bsearch(&key, l->items, l->count, sizeof(key), compare_items);
}

const struct ref_item *store_ref_resolve(const struct store *s, struct arena *a, const char *list,
					 const char *input, int *ambiguous)
{
	*ambiguous = 0;
	const struct ref_list *l = find_list(s, list);
	if (!l || !input || !*input)
		return NULL;
	for (size_t i = 0; i < l->count; i++)
		if (strcasecmp(l->items[i].code, input) == 0)
			return &l->items[i];
	const char *folded = text_fold(a, input);
	if (!*folded)
		return NULL;
	const struct ref_item *found = NULL;
	for (size_t i = 0; i < l->count; i++) {
		const struct ref_item *it = &l->items[i];
		for (int j = 0; j < 3; j++) {
			if (strcmp(it->folded[j], folded) != 0)
				continue;
			if (found && found != it) {
				*ambiguous = 1;
				return NULL;
			}
			found = it;
		}
	}
	if (found)
		return found;
	/* No exact name: a unique name that begins with the words typed. */
	size_t n = strlen(folded);
	for (size_t i = 0; i < l->count; i++) {
		const struct ref_item *it = &l->items[i];
		for (int j = 0; j < 3; j++) {
			if (strncmp(it->folded[j], folded, n) != 0 || (it->folded[j][n] != ' ' && it->folded[j][n] != '\0'))
				continue;
			if (found && found != it) {
				*ambiguous = 1;
				return NULL;
			}
			found = it;
		}
	}
	return found;
}

const char *store_ref_label(const struct store *s, const char *list, const char *code, int lang)
{
	const struct ref_item *it = store_ref_find(s, list, code);
	if (!it)
		return code;
	if (lang < 0 || lang > 2)
		lang = 0;
	return it->name[lang];
}
