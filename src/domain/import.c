/* import.c - see import.h. */
#include "domain/import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/text.h"
#include "io/csv.h"
#include "io/encoding.h"
#include "io/xlsx.h"
#include "model/check.h"
#include "web/i18n.h"

#define REPORT_MAX 1000 /* problems and duplicates listed; counts stay exact */

/* ---- reading ---- */

struct import_table {
	struct csv_reader *csv;
	char *utf8;          /* the CSV converted to UTF-8 */
	struct xlsx_book *xlsx;
	size_t line;
	char error[300];
};

void import_detect(const void *data, size_t len, const char **format, const char **encoding, char *separator)
{
	const unsigned char *b = data;
	if (len >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
		*format = "xlsx";
		*encoding = NULL;
		*separator = 0;
		return;
	}
	*format = "csv";
	enum text_encoding e = encoding_detect(data, len);
	*encoding = encoding_name(e);
	*separator = csv_detect_separator(data, len);
	/* The heading row decides when the detector could not (a quote left
	 * open further down): the separator it holds most. */
	const char *text = data;
	size_t line = 0, counts[3] = {0};
	static const char seps[3] = {';', ',', '\t'};
	while (line < len && text[line] != '\n' && text[line] != '\r') {
		for (int i = 0; i < 3; i++)
			counts[i] += text[line] == seps[i];
		line++;
	}
	int best = counts[0] >= counts[1] ? (counts[0] >= counts[2] ? 0 : 2) : (counts[1] >= counts[2] ? 1 : 2);
	if (!*separator || (counts[best] && !memchr(text, *separator, line)))
		*separator = counts[best] ? seps[best] : ';';
}

/* Does a file read as a single-byte encoding hold UTF-8 sequences too
 * ("Société" saved twice in two encodings)?  Then neither reading is
 * right.  Returns the offset of the first UTF-8 sequence, or -1. */
static long mixed_utf8(const unsigned char *b, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (b[i] >= 0xC3 && b[i] <= 0xC5 && b[i + 1] >= 0x80 && b[i + 1] <= 0xBF)
			return (long)i;
	return -1;
}

struct import_table *import_table_open(const void *data, size_t len, const char *format, const char *encoding,
				       char separator, int sheet, char *err, size_t errlen)
{
	struct import_table *t = calloc(1, sizeof(*t));
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (format && strcmp(format, "xlsx") == 0) {
		t->xlsx = xlsx_open(data, len, err, errlen);
		if (!t->xlsx || xlsx_sheet_begin(t->xlsx, (size_t)(sheet > 0 ? sheet : 0), err, errlen) != 0) {
			import_table_close(t);
			return NULL;
		}
		return t;
	}
	enum text_encoding e;
	if (!encoding || encoding_parse(encoding, &e) != 0)
		e = encoding_detect(data, len);
	long mixed = (e == ENC_WINDOWS_1252 || e == ENC_ISO_8859_1) && encoding_detect(data, len) != ENC_UTF8 &&
		     encoding_detect(data, len) != ENC_UTF8_BOM ? mixed_utf8(data, len) : -1;
	if (mixed >= 0) {
		snprintf(err, errlen, "the file mixes encodings: UTF-8 at byte %ld, and bytes that are not UTF-8; save it again in one encoding",
			 mixed);
		import_table_close(t);
		return NULL;
	}
	size_t n;
	if (encoding_to_utf8(data, len, e, &t->utf8, &n, err, errlen) != 0) {
		import_table_close(t);
		return NULL;
	}
	if (n == 0) {
		snprintf(err, errlen, "the file is empty");
		import_table_close(t);
		return NULL;
	}
	t->csv = csv_reader_new(t->utf8, n, separator ? separator : ';');
	if (!t->csv) {
		snprintf(err, errlen, "out of memory");
		import_table_close(t);
		return NULL;
	}
	return t;
}

int import_table_next(struct import_table *t, const char *const **cells, size_t *count)
{
	if (t->xlsx) {
		struct xlsx_row row;
		int rc = xlsx_next_row(t->xlsx, &row);
		if (rc == 1) {
			*cells = row.cells;
			*count = row.count;
			t->line = row.row_number;
		} else if (rc < 0) {
			snprintf(t->error, sizeof(t->error), "%s", xlsx_error(t->xlsx));
		}
		return rc;
	}
	struct csv_row row;
	int rc = csv_next_row(t->csv, &row);
	if (rc == 1) {
		*cells = row.fields;
		*count = row.count;
		t->line = csv_line(t->csv);
	} else if (rc < 0) {
		snprintf(t->error, sizeof(t->error), "%s", csv_error(t->csv));
	}
	return rc;
}

size_t import_table_line(const struct import_table *t)
{
	return t->line;
}

const char *import_table_error(const struct import_table *t)
{
	return t->error;
}

const char *import_table_sheet(const struct import_table *t, size_t i)
{
	return t->xlsx && i < xlsx_sheet_count(t->xlsx) ? xlsx_sheet_name(t->xlsx, i) : NULL;
}

void import_table_close(struct import_table *t)
{
	if (!t)
		return;
	if (t->csv)
		csv_reader_free(t->csv);
	if (t->xlsx)
		xlsx_close(t->xlsx);
	free(t->utf8);
	free(t);
}

/* ---- mapping ---- */

/* Does the folded heading appear in the field's "|"-separated aliases? */
static int alias_matches(struct arena *a, const char *aliases, const char *heading)
{
	if (!aliases || !*heading)
		return 0;
	const char *p = aliases;
	while (*p) {
		size_t n = strcspn(p, "|");
		if (strlen(heading) == n && strncmp(p, heading, n) == 0)
			return 1;
		p += n;
		if (*p == '|')
			p++;
	}
	(void)a;
	return 0;
}

struct import_mapping *import_suggest(struct arena *a, const struct kind *k, const char *const *headings, size_t count)
{
	struct import_mapping *m = arena_alloc(a, sizeof(*m));
	m->kind = k;
	m->ncolumns = count;
	m->columns = arena_alloc(a, (count ? count : 1) * sizeof(*m->columns));
	int used[64] = {0};
	for (size_t c = 0; c < count; c++) {
		struct import_column *col = &m->columns[c];
		col->field = col->split_field = -1;
		col->lang = "fr";
		const char *h = text_fold(a, headings[c] ? headings[c] : "");
		/* "Nom Prénom", "Prénom Nom", "Nom complet": one column, two fields. */
		if (k == &model_person && (strcmp(h, "nom prenom") == 0 || strcmp(h, "nom complet") == 0 ||
					   strcmp(h, "full name") == 0 || strcmp(h, "nombre completo") == 0 ||
					   strcmp(h, "nom et prenom") == 0)) {
			col->field = model_field_index(k, "family_name");
			col->split_field = model_field_index(k, "given_name");
			continue;
		}
		for (size_t f = 0; f < k->nfields && f < 64; f++) {
			if (used[f] && !(k->fields[f].flags & F_MULTI))
				continue;
			if (strcmp(h, k->fields[f].name) == 0 || alias_matches(a, k->fields[f].aliases, h) ||
			    strcmp(h, text_fold(a, i18n_gettext(LANG_FR, k->fields[f].label))) == 0 ||
			    strcmp(h, text_fold(a, k->fields[f].label)) == 0 ||
			    strcmp(h, text_fold(a, i18n_gettext(LANG_ES, k->fields[f].label))) == 0) {
				col->field = (int)f;
				used[f] = 1;
				if (strcmp(k->fields[f].name, "names") == 0)
					col->acronym = strstr(h, "sigl") || strstr(h, "acron");
				break;
			}
		}
	}
	m->on_duplicate = IMPORT_SKIP;
	return m;
}

static const char *action_code(enum import_duplicate_action d)
{
	return d == IMPORT_UPDATE ? "update" : d == IMPORT_CREATE ? "create" : "skip";
}

enum import_duplicate_action import_action(const char *s)
{
	return s && strcmp(s, "update") == 0 ? IMPORT_UPDATE : s && strcmp(s, "create") == 0 ? IMPORT_CREATE : IMPORT_SKIP;
}

char *import_mapping_json(struct arena *a, const struct import_mapping *m)
{
	json_t *o = json_object(), *cols = json_array(), *vals = json_array(), *dec = json_object();
	json_object_set_new(o, "kind", json_string(m->kind->plural));
	for (size_t c = 0; c < m->ncolumns; c++) {
		const struct import_column *col = &m->columns[c];
		json_t *j = json_object();
		json_object_set_new(j, "field", col->field >= 0 ? json_string(m->kind->fields[col->field].name) : json_null());
		if (col->split_field >= 0)
			json_object_set_new(j, "split", json_string(m->kind->fields[col->split_field].name));
		if (col->lang)
			json_object_set_new(j, "lang", json_string(col->lang));
		if (col->acronym)
			json_object_set_new(j, "acronym", json_true());
		json_array_append_new(cols, j);
	}
	for (size_t i = 0; i < m->nvalues; i++)
		json_array_append_new(vals, json_pack("{s:s, s:s, s:s}", "field", m->kind->fields[m->values[i].field].name,
						      "from", m->values[i].from, "to", m->values[i].to));
	for (size_t i = 0; i < m->ndecisions; i++)
		json_object_set_new(dec, arena_printf(a, "%ld", m->decision_rows[i]), json_string(action_code(m->decisions[i])));
	json_object_set_new(o, "columns", cols);
	json_object_set_new(o, "values", vals);
	json_object_set_new(o, "on_duplicate", json_string(action_code(m->on_duplicate)));
	json_object_set_new(o, "skip_invalid", json_boolean(m->skip_invalid));
	json_object_set_new(o, "decisions", dec);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	char *out = arena_strdup(a, text ? text : "{}");
	free(text);
	return out;
}

struct import_mapping *import_mapping_parse(struct arena *a, const char *text, char *err, size_t errlen)
{
	json_error_t je;
	json_t *o = json_loads(text ? text : "", JSON_REJECT_DUPLICATES, &je);
	const struct kind *k = o ? model_kind_by_plural(json_string_value(json_object_get(o, "kind")) ?
							json_string_value(json_object_get(o, "kind")) : "") : NULL;
	json_t *cols = o ? json_object_get(o, "columns") : NULL;
	if (!o || !k || !json_is_array(cols)) {
		snprintf(err, errlen, o ? "the mapping names no known kind or has no columns" : "the mapping is not JSON: %s (line %d)",
			 je.text, je.line);
		json_decref(o);
		return NULL;
	}
	struct import_mapping *m = arena_alloc(a, sizeof(*m));
	m->kind = k;
	m->ncolumns = json_array_size(cols);
	m->columns = arena_alloc(a, (m->ncolumns ? m->ncolumns : 1) * sizeof(*m->columns));
	size_t i;
	json_t *j;
	json_array_foreach(cols, i, j) {
		struct import_column *col = &m->columns[i];
		col->field = model_field_index(k, json_string_value(json_object_get(j, "field")));
		col->split_field = model_field_index(k, json_string_value(json_object_get(j, "split")));
		const char *lang = json_string_value(json_object_get(j, "lang"));
		col->lang = lang && model_enum_value(&model_value_languages, lang) ? arena_strdup(a, lang) : "fr";
		col->acronym = json_is_true(json_object_get(j, "acronym"));
	}
	json_t *vals = json_object_get(o, "values");
	m->values = arena_alloc(a, (json_array_size(vals) + 1) * sizeof(*m->values));
	json_array_foreach(vals, i, j) {
		int f = model_field_index(k, json_string_value(json_object_get(j, "field")));
		const char *from = json_string_value(json_object_get(j, "from")), *to = json_string_value(json_object_get(j, "to"));
		if (f < 0 || !from || !to)
			continue;
		m->values[m->nvalues++] = (struct import_value_map){f, arena_strdup(a, from), arena_strdup(a, to)};
	}
	m->on_duplicate = import_action(json_string_value(json_object_get(o, "on_duplicate")));
	m->skip_invalid = json_is_true(json_object_get(o, "skip_invalid"));
	json_t *dec = json_object_get(o, "decisions");
	size_t nd = json_object_size(dec);
	m->decision_rows = arena_alloc(a, (nd ? nd : 1) * sizeof(*m->decision_rows));
	m->decisions = arena_alloc(a, (nd ? nd : 1) * sizeof(*m->decisions));
	const char *key;
	json_object_foreach(dec, key, j) {
		m->decision_rows[m->ndecisions] = strtol(key, NULL, 10);
		m->decisions[m->ndecisions++] = import_action(json_string_value(j));
	}
	json_decref(o);
	return m;
}

/* ---- rows to records ---- */

/* The code an enumeration value means: the user's value map first, then
 * the code itself, a label in French, English or Spanish, or the unique
 * label that begins with what is written ("Asso" → association). */
static const char *enum_value(struct arena *a, const struct import_mapping *m, int fi, const char *v)
{
	const struct field *f = &m->kind->fields[fi];
	for (size_t i = 0; i < m->nvalues; i++)
		if (m->values[i].field == fi && strcmp(m->values[i].from, v) == 0)
			return m->values[i].to;
	if (f->type != FT_ENUM)
		return v;
	if (model_enum_value(f->enumeration, v))
		return v;
	const char *folded = text_fold(a, v);
	const char *prefix_match = NULL;
	int prefix_count = 0;
	for (size_t e = 0; e < f->enumeration->count; e++) {
		const struct enum_value *ev = &f->enumeration->values[e];
		for (int l = 0; l < LANG_COUNT; l++) {
			const char *label = text_fold(a, i18n_gettext((enum i18n_lang)l, ev->label));
			if (strcmp(label, folded) == 0 || strcmp(text_fold(a, ev->code), folded) == 0)
				return ev->code;
			if (*folded && strncmp(label, folded, strlen(folded)) == 0 && prefix_match != ev->code) {
				prefix_match = ev->code;
				prefix_count++;
			}
		}
	}
	return prefix_count == 1 ? prefix_match : v;
}

/* A word of capitals ("DURAND"), not a single letter. */
static int word_is_caps(const char *w)
{
	if (strlen(w) < 2)
		return 0;
	for (; *w; w++)
		if (*w >= 'a' && *w <= 'z')
			return 0;
	return 1;
}

/* "DURAND Marie" or "Marie Durand": the words in capitals are the family
 * name; otherwise the first word is (French order, "Nom Prénom"). */
static void split_name(struct arena *a, const char *v, const char **family, const char **given)
{
	char *copy = arena_strdup(a, v), *save = NULL;
	struct buf fam = BUF_INIT, giv = BUF_INIT;
	int any_caps = 0;
	const char **words = arena_alloc(a, (strlen(v) / 2 + 1) * sizeof(*words)); /* words are >= 1 byte + a space */
	size_t n = 0;
	/* strtok_r: the import runs in the jobs' thread beside the requests. */
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		words[n++] = w;
		any_caps |= word_is_caps(w);
	}
	for (size_t i = 0; i < n; i++) {
		struct buf *to = (any_caps ? word_is_caps(words[i]) : i == 0) ? &fam : &giv;
		buf_printf(to, "%s%s", to->len ? " " : "", words[i]);
	}
	*family = arena_strdup(a, buf_str(&fam));
	*given = giv.len ? arena_strdup(a, buf_str(&giv)) : NULL;
	buf_release(&fam);
	buf_release(&giv);
}

/* Add one cell's value(s) to field fi of r. */
static void put(struct arena *a, const struct import_mapping *m, struct record *r, int fi, const struct import_column *col,
		const char *v)
{
	const struct field *f = &m->kind->fields[fi];
	if (!(f->flags & F_MULTI)) {
		if (!record_get(r, fi))
			record_add(r, fi, enum_value(a, m, fi, v), NULL, 0);
		return;
	}
	if (f->flags & F_LANG && f->type == FT_LONGTEXT) {
		record_add(r, fi, v, col->lang, 0);
		return;
	}
	/* Lists in a cell: "a; b", "a, b" or one per line.  Codes written
	 * with their names ("16 — Paz, justicia…, 17 — Alianzas") are cut
	 * only before the next code. */
	char *copy = arena_strdup(a, v);
	if (f->type == FT_CODE && strstr(copy, " — ")) {
		for (char *p = copy; *p; p++)
			if ((*p == ',' || *p == ';' || *p == '\n') && p[strspn(p + 1, " ") + 1] >= '0' &&
			    p[strspn(p + 1, " ") + 1] <= '9')
				*p = '\n';
			else if (*p == '\n' || *p == ';')
				*p = ' ';
	}
	const char *seps = strchr(copy, ';') || strchr(copy, '\n') ? ";\n" : ",";
	if (f->flags & F_ACRONYM)
		seps = ";\n";
	if (f->type == FT_CODE && strstr(v, " — "))
		seps = "\n";
	char *save = NULL;
	for (char *item = strtok_r(copy, seps, &save); item; item = strtok_r(NULL, seps, &save)) {
		while (*item == ' ')
			item++;
		if (!*item)
			continue;
		if (f->type == FT_CODE && strstr(item, " — "))
			*strstr(item, " — ") = '\0';
		record_add(r, fi, enum_value(a, m, fi, item), (f->flags & F_LANG) ? col->lang : NULL, col->acronym);
	}
}

/* The record a row says, with the kind's defaults for what it leaves out. */
static struct record *row_record(struct arena *a, const struct import_mapping *m, const char *const *cells, size_t count)
{
	const struct kind *k = m->kind;
	struct record *r = record_new(a, k);
	/* What the file gives is "present": an update changes only that.  The
	 * defaults below are for a creation and are not present. */
	for (size_t c = 0; c < count && c < m->ncolumns; c++) {
		const struct import_column *col = &m->columns[c];
		const char *v = cells[c];
		if (col->field < 0 || !v || !v[strspn(v, " \t\r\n")])
			continue;
		/* The quote our exports put before =, +, - and @ (formula
		 * injection) is not part of the value. */
		if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1]))
			v++;
		if (col->split_field >= 0) {
			const char *family, *given;
			split_name(a, v, &family, &given);
			put(a, m, r, col->field, col, family);
			if (given)
				put(a, m, r, col->split_field, col, given);
			continue;
		}
		put(a, m, r, col->field, col, v);
	}
	for (size_t f = 0; f < k->nfields; f++)
		r->values[f].present = r->values[f].count > 0;
	int vis = model_field_index(k, "visibility");
	if (vis >= 0 && !record_get(r, vis)) {
		record_add(r, vis, "internal", NULL, 0);
		r->values[vis].present = 0;
	}
	int basis = model_field_index(k, "legal_basis"), since = model_field_index(k, "legal_basis_date");
	if (basis >= 0 && !record_get(r, basis)) {
		record_add(r, basis, "legitimate_interest", NULL, 0);
		r->values[basis].present = 0;
	}
	if (since >= 0 && !record_get(r, since)) {
		char today[21];
		clock_now_iso(today);
		today[10] = '\0';
		record_add(r, since, today, NULL, 0);
		r->values[since].present = 0;
	}
	return r;
}

/* The heading of the column that holds field `name`, for the report. */
static const char *column_of(const struct import_mapping *m, const char *const *headings, size_t nheadings, const char *name)
{
	int fi = model_field_index(m->kind, name);
	for (size_t c = 0; c < m->ncolumns && c < nheadings; c++)
		if (m->columns[c].field == fi || m->columns[c].split_field == fi)
			return headings[c];
	return NULL;
}

/* Keys under which two rows of the file are the same record. */
static void row_keys(struct arena *a, const struct record *r, const char *keys[4])
{
	memset(keys, 0, 4 * sizeof(*keys));
	int n = 0;
	static const char *ids[] = {"siren", "siret", "rna", "email"};
	for (size_t i = 0; i < 4; i++) {
		const char *v = record_get_by_name(r, ids[i]);
		if (v && n < 3)
			keys[n++] = arena_printf(a, "%s:%s", ids[i], text_fold(a, v));
	}
	const char *territory = record_get_by_name(r, "territory");
	keys[n] = arena_printf(a, "name:%s:%s", text_fold(a, record_title(r)), territory ? territory : "");
}

static enum import_duplicate_action decision_for(const struct import_mapping *m, long row)
{
	for (size_t i = 0; i < m->ndecisions; i++)
		if (m->decision_rows[i] == row)
			return m->decisions[i];
	return m->on_duplicate;
}

/* Keys seen so far in the file: the 64-bit hash of a key → (row, id of
 * the record it made), in an open-addressing table.  A million rows with
 * three keys each take 96 MB here, a tenth of a JSON object of strings;
 * two different keys sharing a 64-bit hash is not a concern at this size. */
struct seen_slot {
	uint64_t hash; /* 0: empty */
	long row;
	int64_t id;
};

struct seen {
	struct seen_slot *slots;
	size_t cap, count;
};

static uint64_t key_hash(const char *key)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h ? h : 1;
}

static struct seen_slot *seen_find(struct seen *t, uint64_t h)
{
	if (!t->cap)
		return NULL;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (t->slots[i].hash == h || t->slots[i].hash == 0)
			return &t->slots[i];
}

static void seen_add(struct seen *t, const char *key, long row, int64_t id)
{
	if ((t->count + 1) * 2 > t->cap) {
		struct seen bigger = {calloc(t->cap ? t->cap * 2 : 1024, sizeof(struct seen_slot)), t->cap ? t->cap * 2 : 1024, 0};
		if (!bigger.slots)
			abort();
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].hash) {
				*seen_find(&bigger, t->slots[i].hash) = t->slots[i];
				bigger.count++;
			}
		free(t->slots);
		*t = bigger;
	}
	uint64_t h = key_hash(key);
	struct seen_slot *slot = seen_find(t, h);
	if (slot->hash)
		return; /* the first row with this key stays */
	*slot = (struct seen_slot){h, row, id};
	t->count++;
}

static const struct seen_slot *seen_get(struct seen *t, const char *key)
{
	const struct seen_slot *slot = seen_find(t, key_hash(key));
	return slot && slot->hash ? slot : NULL;
}

int import_run(struct store *s, const struct viewer *v, int64_t batch_id, int dry_run, struct job_progress *p)
{
	struct arena a = ARENA_INIT;
	struct import_batch b;
	const void *data;
	size_t size;
	int rc = import_batch_get(s, &a, batch_id, &b);
	if (rc == STORE_OK)
		rc = import_batch_file(s, &a, batch_id, &data, &size);
	if (rc != STORE_OK) {
		arena_release(&a);
		return rc;
	}
	char err[300] = "";
	struct import_mapping *m = b.mapping ? import_mapping_parse(&a, b.mapping, err, sizeof(err)) : NULL;
	struct import_table *t = m ? import_table_open(data, size, b.format, b.encoding, b.separator ? b.separator[0] : ';',
							b.sheet, err, sizeof(err)) : NULL;
	if (!t) {
		b.state = "failed";
		b.message = arena_strdup(&a, m ? err : N_("Say what each column holds first."));
		import_batch_save(s, &b);
		arena_release(&a);
		return STORE_INVALID;
	}
	/* The headings, then the rows. */
	const char *const *cells;
	size_t count;
	const char **headings = NULL;
	size_t nheadings = 0;
	if (import_table_next(t, &cells, &count) == 1) {
		headings = arena_alloc(&a, (count ? count : 1) * sizeof(*headings));
		for (size_t c = 0; c < count; c++)
			headings[c] = arena_strdup(&a, cells[c]);
		nheadings = count;
	}
	if (p)
		atomic_store(&p->total, (long long)(size / 64 > 0 ? size / 64 : 1)); /* a first guess: rows of ~64 bytes */
	struct viewer writer = *v;
	writer.origin = import_origin(&a, batch_id);
	json_t *problems = json_array(), *duplicates = json_array();
	struct seen seen = {0};
	long long total = 0, invalid = 0, dups = 0, created = 0, updated = 0, skipped = 0;
	int cancelled = 0, failed = 0;
	if (!dry_run && store_batch_begin(s) != STORE_OK)
		failed = 1;
	struct arena row_arena = ARENA_INIT;
	int got;
	while (!failed && (got = import_table_next(t, &cells, &count)) == 1) {
		long row = (long)import_table_line(t);
		int empty = 1;
		for (size_t c = 0; c < count && empty; c++)
			empty = !cells[c][strspn(cells[c], " \t\r\n")];
		if (empty)
			continue;
		total++;
		if (p) {
			atomic_store(&p->done, total);
			if (atomic_load(&p->cancel)) {
				cancelled = 1;
				break;
			}
		}
		struct record *r = row_record(&row_arena, m, cells, count);
		struct field_errors errors;
		field_errors_init(&errors, &row_arena);
		int check = store_check(s, &row_arena, &writer, r, &errors);
		/* A cell beyond the last heading would be lost without a word. */
		for (size_t c = nheadings; c < count; c++)
			if (cells[c][strspn(cells[c], " \t\r\n")]) {
				field_errors_add(&errors, "", N_("This row has more cells than the heading row: {}."), cells[c]);
				check = STORE_INVALID;
				break;
			}
		if (check != STORE_OK) {
			invalid++;
			for (size_t e = 0; e < errors.count && json_array_size(problems) < REPORT_MAX; e++) {
				const char *msg = errors.items[e].message, *hole = strstr(msg, "{}");
				const char *text = hole ? arena_printf(&row_arena, "%.*s%s%s", (int)(hole - msg), msg,
								       errors.items[e].detail ? errors.items[e].detail : "", hole + 2)
							: msg;
				const char *col = *errors.items[e].field ? column_of(m, headings, nheadings, errors.items[e].field) : NULL;
				json_array_append_new(problems, json_pack("{s:I, s:s?, s:s, s:s, s:s}", "row", (json_int_t)row, "column", col,
									  "field", errors.items[e].field, "message", msg, "text", text));
			}
			if (check == STORE_FORBIDDEN)
				failed = 1;
			if (!dry_run && !m->skip_invalid)
				failed = 1;
			arena_release(&row_arena);
			continue;
		}
		/* A duplicate of a record in the base, or of an earlier row. */
		const char *reason = NULL;
		int64_t existing = store_match(s, &row_arena, &writer, r, &reason);
		const char *keys[4];
		row_keys(&row_arena, r, keys);
		long of_row = 0;
		for (int k = 0; k < 4 && keys[k] && !existing && !of_row; k++) {
			const struct seen_slot *hit = seen_get(&seen, keys[k]);
			if (hit) {
				of_row = hit->row;
				existing = hit->id;
				reason = N_("same as an earlier row");
			}
		}
		enum import_duplicate_action action = IMPORT_CREATE;
		if (existing || of_row) {
			dups++;
			action = decision_for(m, row);
			if (json_array_size(duplicates) < REPORT_MAX) {
				struct record *other = NULL;
				struct viewer sys = store_system_viewer("import");
				if (existing)
					store_get(s, &row_arena, &sys, m->kind, existing, 0, &other);
				json_array_append_new(duplicates, json_pack("{s:I, s:s, s:I, s:s?, s:I, s:s, s:s}", "row", (json_int_t)row,
									    "title", record_title(r), "existing", (json_int_t)existing,
									    "existing_title", other ? record_title(other) : NULL,
									    "of_row", (json_int_t)of_row, "reason", reason,
									    "action", action_code(action)));
			}
		}
		if (!dry_run) {
			int wrc = STORE_OK;
			if ((existing || of_row) && action == IMPORT_SKIP) {
				skipped++;
			} else if (existing && action == IMPORT_UPDATE) {
				/* Only what the file says replaces what the base holds. */
				r->id = existing;
				wrc = store_update(s, &row_arena, &writer, r, NULL, &errors);
				updated += wrc == STORE_OK;
			} else if (of_row && !existing) {
				skipped++; /* an earlier row of the file was not imported */
			} else {
				wrc = store_create(s, &row_arena, &writer, r, &errors);
				created += wrc == STORE_OK;
				existing = r->id;
			}
			if (wrc != STORE_OK) {
				snprintf(err, sizeof(err), "row %ld: %s", row, errors.count ? errors.items[0].message : "database error");
				failed = 1;
			}
		}
		for (int k = 0; k < 4 && keys[k]; k++)
			seen_add(&seen, keys[k], row, existing);
		arena_release(&row_arena);
	}
	arena_release(&row_arena);
	if (!failed && !cancelled && got < 0) {
		snprintf(err, sizeof(err), "%s", import_table_error(t));
		failed = 1;
	}
	import_table_close(t);
	if (!dry_run)
		store_batch_end(s, !failed && !cancelled);
	if (p)
		atomic_store(&p->total, total);
	if (!dry_run && (failed || cancelled)) {
		/* Nothing was written: the dry run's report and counts stay. */
		json_decref(problems);
		json_decref(duplicates);
		free(seen.slots);
		b.message = cancelled ? "cancelled" : arena_strdup(&a, *err ? err : N_("Some rows are not valid: fix the file, or choose to leave them out."));
		rc = import_batch_save(s, &b);
		arena_release(&a);
		return cancelled ? STORE_CONFLICT : STORE_INVALID;
	}
	b.rows_total = total;
	b.rows_invalid = invalid;
	b.rows_duplicate = dups;
	b.created = dry_run || failed || cancelled ? 0 : created;
	b.updated = dry_run || failed || cancelled ? 0 : updated;
	b.skipped = dry_run || failed || cancelled ? 0 : skipped + (m->skip_invalid ? invalid : 0);
	json_t *report = json_pack("{s:o, s:o}", "problems", problems, "duplicates", duplicates);
	char *text = json_dumps(report, JSON_COMPACT);
	json_decref(report);
	free(seen.slots);
	b.report = arena_strdup(&a, text ? text : "{}");
	free(text);
	if (cancelled) {
		b.state = dry_run ? "uploaded" : b.state;
		b.message = "cancelled";
	} else if (failed) {
		b.state = dry_run ? "uploaded" : "checked";
		b.message = arena_strdup(&a, *err ? err : N_("Some rows are not valid: fix the file, or choose to leave them out."));
	} else {
		b.state = dry_run ? "checked" : "committed";
		b.message = NULL;
	}
	rc = import_batch_save(s, &b);
	arena_release(&a);
	return cancelled ? STORE_CONFLICT : failed ? STORE_INVALID : rc;
}

struct run_ctx {
	struct store *s;
	struct viewer v;
	char *label, *address;
	int64_t batch;
	int dry_run;
};

static void run_job(void *ctx, struct job_progress *p)
{
	struct run_ctx *c = ctx;
	import_run(c->s, &c->v, c->batch, c->dry_run, p);
	store_thread_done(c->s);
}

static void free_run(void *ctx)
{
	struct run_ctx *c = ctx;
	free(c->label);
	free(c->address);
	free(c);
}

int import_start(struct jobs *j, struct store *s, const struct viewer *v, int64_t batch_id, int dry_run)
{
	struct run_ctx *c = calloc(1, sizeof(*c));
	if (!c)
		return -1;
	c->s = s;
	c->v = *v;
	c->label = v->label ? strdup(v->label) : NULL;
	c->address = v->address ? strdup(v->address) : NULL;
	c->v.label = c->label;
	c->v.address = c->address;
	c->v.origin = NULL;
	c->batch = batch_id;
	c->dry_run = dry_run;
	if (jobs_submit(j, batch_id, run_job, c, free_run) != 0) {
		free_run(c);
		return -1;
	}
	return 0;
}
