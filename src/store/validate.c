/*
 * validate.c - generic validation of a record against its declaration.
 *
 * Every value is checked by its field's type and canonicalised in place
 * (trimmed; "oui" → "true"; "14/03/2025" → "2025-03-14"; a territory's
 * name → its code; a SIREN without its spaces).  Then required fields,
 * counts, references to other records, and the kind's own cross-field
 * check.  Messages are msgids; "{}" in one is replaced by the detail when
 * shown.
 */
#include "store/store_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/markdown.h"
#include "model/check.h"

/* Copy of s without leading and trailing white space. */
static char *trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

/* s without spaces, dots and dashes (identifiers are often typed grouped). */
static char *strip_separators(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *p = out;
	for (; *s; s++)
		if (*s != ' ' && *s != '.' && *s != '-')
			*p++ = *s;
	*p = '\0';
	return out;
}

static int all_digits(const char *s, size_t len)
{
	if (strlen(s) != len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* "14/03/2025" → "2025-03-14"; other text unchanged. */
const char *store_french_date(struct arena *a, const char *s)
{
	int d, m, y;
	char tail;
	if (strlen(s) == 10 && s[2] == '/' && s[5] == '/' && sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
		return arena_printf(a, "%04d-%02d-%02d", y, m, d);
	return s;
}

/* "2026-03-14 10:30", "2026-03-14T10:30:00", "14/03/2026 10:30" →
 * "2026-03-14T10:30"; other text unchanged. */
static const char *local_datetime(struct arena *a, const char *s)
{
	int d, m, y, h, mi, sec;
	char tail;
	if (sscanf(s, "%2d/%2d/%4d %2d:%2d%c", &d, &m, &y, &h, &mi, &tail) == 5 ||
	    sscanf(s, "%2d/%2d/%4d %2dh%2d%c", &d, &m, &y, &h, &mi, &tail) == 5)
		return arena_printf(a, "%04d-%02d-%02dT%02d:%02d", y, m, d, h, mi);
	size_t n = strlen(s);
	if ((n == 16 || n == 19) && (s[10] == ' ' || s[10] == 'T') &&
	    sscanf(s, "%4d-%2d-%2d%*c%2d:%2d", &y, &m, &d, &h, &mi) == 5 &&
	    (n == 16 || (s[16] == ':' && sscanf(s + 17, "%2d%c", &sec, &tail) == 1)))
		return arena_printf(a, "%04d-%02d-%02dT%02d:%02d", y, m, d, h, mi);
	return s;
}

/* The id of the record of kind `kind_name` a user meant: an id ("17"),
 * a title with its id as the form shows it ("OECS (#17)"), or a name or
 * acronym that exactly one record carries ("OECS").  The record must exist
 * outside the bin.  NULL when none; *ambiguous when several carry the name. */
static const char *resolve_ref(struct store *s, struct db *db, const struct viewer *viewer, struct arena *a,
			       const char *kind_name, const char *text, int *ambiguous)
{
	*ambiguous = 0;
	const struct kind *k = model_kind(kind_name);
	if (!k)
		return NULL;
	const char *digits = text;
	size_t n = strlen(text);
	if (n > 3 && text[n - 1] == ')') {
		const char *hash = strrchr(text, '#');
		if (hash && hash > text && hash[-1] == '(')
			digits = arena_strndup(a, hash + 1, (size_t)(text + n - 1 - (hash + 1)));
	}
	/* Teams and accounts are named in a record's visibility by those who
	 * may not list them: that they exist is all that is checked. */
	struct viewer system = store_system_viewer("store");
	if (k->access == ACCESS_ADMIN)
		viewer = &system;
	if (*digits && strspn(digits, "0123456789") == strlen(digits)) {
		errno = 0;
		long long id = strtoll(digits, NULL, 10);
		struct record *r;
		if (errno || id <= 0 || store_read_record(s, db, a, viewer, k, id, 0, &r) != STORE_OK)
			return NULL;
		return arena_printf(a, "%lld", id);
	}
	if (!k->searchable)
		return NULL;
	const char *folded = text_fold(a, text);
	struct store_query q = {.q = text, .limit = 20};
	struct store_page page;
	struct field_errors ignored;
	field_errors_init(&ignored, a);
	if (!*folded || store_list(s, a, viewer, k, &q, &page, &ignored) != STORE_OK)
		return NULL;
	const struct record *found = NULL;
	for (size_t i = 0; i < page.count; i++) {
		const struct record *r = page.items[i];
		int same = strcmp(text_fold(a, record_title(r)), folded) == 0;
		for (size_t f = 0; f < k->nfields && !same; f++)
			if (k->fields[f].flags & F_NAME)
				for (size_t j = 0; j < r->values[f].count && !same; j++)
					same = strcmp(text_fold(a, r->values[f].items[j].text), folded) == 0;
		if (!same)
			continue;
		if (found) {
			*ambiguous = 1;
			return NULL;
		}
		found = r;
	}
	return found ? arena_printf(a, "%lld", (long long)found->id) : NULL;
}

/* Check and canonicalise one value; returns the canonical text, or NULL
 * after adding an error. */
static const char *check_value(struct store *s, struct db *db, const struct viewer *viewer, struct record *r,
			       const struct field *f, const char *raw, struct field_errors *errors)
{
	struct arena *a = r->arena;
	const char *name = f->name;
	size_t rawlen = strlen(raw);
	if (!text_utf8_valid(raw, rawlen, NULL)) {
		field_errors_add(errors, name, N_("This text is not valid UTF-8."), NULL);
		return NULL;
	}
	if (text_has_control(raw, rawlen)) {
		field_errors_add(errors, name, N_("This text holds control characters."), NULL);
		return NULL;
	}
	if (check_has_bidi_control(raw)) {
		field_errors_add(errors, name, N_("This text holds invisible direction marks that change how it reads."), NULL);
		return NULL;
	}
	int multiline = f->type == FT_LONGTEXT || f->type == FT_MARKDOWN;
	if (!multiline && strpbrk(raw, "\r\n")) {
		field_errors_add(errors, name, N_("This field takes one line."), NULL);
		return NULL;
	}
	char *v = trim(a, raw);
	if (multiline) {
		/* Line ends become LF. */
		char *w = v;
		for (char *p = v; *p; p++)
			if (!(*p == '\r' && p[1] == '\n'))
				*w++ = *p == '\r' ? '\n' : *p;
		*w = '\0';
	}
	if (!*v)
		return v;
	int max = f->max_len;
	if (max <= 0)
		max = multiline ? 10000 : 500;
	if (text_length(v) > (size_t)max) {
		field_errors_add(errors, name, N_("Too long: at most {} characters."), arena_printf(a, "%d", max));
		return NULL;
	}
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
		return v;
	case FT_MARKDOWN: {
		struct markdown_problem p;
		if (markdown_check(v, strlen(v), &p) != 0) {
			field_errors_add(errors, name, p.message,
					 p.line ? arena_printf(a, "%s (%d:%d)", p.detail, p.line, p.column) : arena_strdup(a, p.detail));
			return NULL;
		}
		return v;
	}
	case FT_DATETIME: {
		const char *d = local_datetime(a, v);
		if (!check_datetime(d)) {
			field_errors_add(errors, name, N_("Not a date and time (YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM)."), v);
			return NULL;
		}
		return d;
	}
	case FT_INT: {
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (*end || errno) {
			field_errors_add(errors, name, N_("Not a whole number."), v);
			return NULL;
		}
		if ((f->min || f->max) && (n < f->min || n > f->max)) {
			field_errors_add(errors, name, N_("Out of range ({})."), arena_printf(a, "%g..%g", f->min, f->max));
			return NULL;
		}
		return arena_printf(a, "%lld", n);
	}
	case FT_REAL: {
		for (char *p = v; *p; p++)
			if (*p == ',')
				*p = '.'; /* French decimal comma */
		char *end;
		errno = 0;
		double d = strtod(v, &end);
		if (*end || errno || !isfinite(d) || strpbrk(v, "xXnNiI")) {
			field_errors_add(errors, name, N_("Not a number."), v);
			return NULL;
		}
		if ((f->min || f->max) && (d < f->min || d > f->max)) {
			field_errors_add(errors, name, N_("Out of range ({})."), arena_printf(a, "%g..%g", f->min, f->max));
			return NULL;
		}
		return arena_printf(a, "%.10g", d);
	}
	case FT_BOOL: {
		const char *b = check_bool(v);
		if (!b)
			field_errors_add(errors, name, N_("Answer yes or no."), v);
		return b;
	}
	case FT_DATE: {
		const char *d = store_french_date(a, v);
		if (!check_date(d)) {
			field_errors_add(errors, name, N_("Not a date (YYYY-MM-DD or DD/MM/YYYY)."), v);
			return NULL;
		}
		return d;
	}
	case FT_ENUM:
		if (!model_enum_value(f->enumeration, v)) {
			field_errors_add(errors, name, N_("Unknown value: {}."), v);
			return NULL;
		}
		return v;
	case FT_REF: {
		int ambiguous;
		const char *id = resolve_ref(s, db, viewer, a, f->ref, v, &ambiguous);
		if (!id)
			field_errors_add(errors, name, ambiguous ? N_("Several records are called \"{}\": pick one from the suggestions or give its number.")
							 : N_("No such record: {}."), v);
		return id;
	}
	case FT_CODE: {
		int ambiguous = 0;
		const struct ref_item *it = store_ref_resolve(s, a, f->ref, v, &ambiguous);
		if (ambiguous) {
			field_errors_add(errors, name, N_("Several match \"{}\": give the code."), v);
			return NULL;
		}
		if (!it) {
			field_errors_add(errors, name, N_("Unknown code or name: {}."), v);
			return NULL;
		}
		return it->code;
	}
	case FT_EMAIL:
		if (!check_email(v)) {
			field_errors_add(errors, name, N_("Not a valid email address."), v);
			return NULL;
		}
		return v;
	case FT_URL:
		if (!strstr(v, "://") && strchr(v, '.') && !strchr(v, ' ') && !strchr(v, ':'))
			v = arena_printf(a, "https://%s", v);
		if (!check_url(v)) {
			field_errors_add(errors, name, N_("Not a web address (http:// or https://)."), v);
			return NULL;
		}
		return v;
	case FT_PHONE:
		if (!check_phone(v)) {
			field_errors_add(errors, name, N_("Not a phone number."), v);
			return NULL;
		}
		return v;
	case FT_SIREN: {
		char *d = strip_separators(a, v);
		if (!all_digits(d, 9)) {
			field_errors_add(errors, name, N_("A SIREN has nine digits."), v);
			return NULL;
		}
		if (!check_luhn(d, 9)) {
			field_errors_add(errors, name, N_("Invalid SIREN: the check digit is wrong."), v);
			return NULL;
		}
		return d;
	}
	case FT_SIRET: {
		char *d = strip_separators(a, v);
		if (!all_digits(d, 14)) {
			field_errors_add(errors, name, N_("A SIRET has fourteen digits."), v);
			return NULL;
		}
		if (!check_luhn(d, 14)) {
			field_errors_add(errors, name, N_("Invalid SIRET: the check digit is wrong."), v);
			return NULL;
		}
		return d;
	}
	case FT_RNA: {
		char *d = strip_separators(a, v);
		for (char *p = d; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (!check_rna(d)) {
			field_errors_add(errors, name, N_("An RNA number is W followed by nine characters."), v);
			return NULL;
		}
		return d;
	}
	}
	return v;
}

/* Is the value of unique field f taken by another record outside the bin? */
static int taken(struct db *db, const struct record *r, const struct field *f, const char *value)
{
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT 1 FROM %s WHERE lower(%s) = lower(?1) AND id <> ?2 AND deleted_at IS NULL LIMIT 1",
		 r->kind->name, f->name);
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return 0;
	db_bind_text(st, 1, value);
	db_bind_int(st, 2, r->id);
	int found = db_step(st) == DB_ROW;
	db_stmt_done(st);
	return found;
}

/* The kind's date bounds: a date of r not before a date of a record it
 * refers to (read whatever the viewer may see: the bound holds for all). */
static void check_bounds(struct store *s, struct db *db, const struct record *r, struct field_errors *errors)
{
	const struct kind *k = r->kind;
	struct viewer system = store_system_viewer("store");
	for (size_t i = 0; i < k->nbounds; i++) {
		const struct date_bound *b = &k->bounds[i];
		const char *date = record_get_by_name(r, b->field), *ref = record_get_by_name(r, b->ref_field);
		const struct field *rf = model_field(k, b->ref_field);
		const struct kind *rk = rf ? model_kind(rf->ref) : NULL;
		struct record *other;
		if (!date || !ref || !rk ||
		    store_read_record(s, db, r->arena, &system, rk, strtoll(ref, NULL, 10), 0, &other) != STORE_OK)
			continue;
		const char *limit = record_get_by_name(other, b->ref_date);
		/* Compare the dates only: a follow-up due the day of the meeting is fine. */
		if (limit && strncmp(date, limit, 10) < 0)
			field_errors_add(errors, b->field, b->message, arena_strndup(r->arena, limit, 10));
	}
}

size_t store_validate(struct store *s, struct db *db, const struct viewer *viewer, struct record *r,
		      struct field_errors *errors)
{
	size_t before = errors->count;
	const struct kind *k = r->kind;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		struct field_values *fv = &r->values[i];
		size_t kept = 0;
		for (size_t j = 0; j < fv->count; j++) {
			struct value val = fv->items[j];
			const char *c = check_value(s, db, viewer, r, f, val.text ? val.text : "", errors);
			if (!c || !*c)
				continue;
			if (f->flags & F_LANG) {
				if (!val.lang || !*val.lang) {
					field_errors_add(errors, f->name, N_("Say which language \"{}\" is in."), c);
					continue;
				}
				if (!model_enum_value(&model_value_languages, val.lang)) {
					field_errors_add(errors, f->name, N_("Unknown language: {}."), val.lang);
					continue;
				}
			} else {
				val.lang = NULL;
			}
			if (!(f->flags & F_ACRONYM))
				val.acronym = 0;
			/* The same value twice in a list is kept once. */
			int dup = 0;
			for (size_t d = 0; d < kept && !dup; d++)
				dup = strcmp(fv->items[d].text, c) == 0 &&
				      ((!fv->items[d].lang && !val.lang) || (fv->items[d].lang && val.lang && strcmp(fv->items[d].lang, val.lang) == 0));
			if (dup)
				continue;
			val.text = c;
			fv->items[kept++] = val;
		}
		fv->count = kept;
		if ((f->flags & F_REQUIRED) && fv->count == 0 && !field_errors_find(errors, f->name))
			field_errors_add(errors, f->name, N_("This field is required."), NULL);
		if (!(f->flags & F_MULTI) && fv->count > 1)
			field_errors_add(errors, f->name, N_("This field takes one value."), NULL);
		if ((f->flags & F_UNIQUE) && fv->count == 1 && taken(db, r, f, fv->items[0].text))
			field_errors_add(errors, f->name, N_("Already used by another record: {}."), fv->items[0].text);
		if ((f->flags & F_MULTI) && f->max > 0 && fv->count > (size_t)f->max)
			field_errors_add(errors, f->name, N_("Too many values: at most {}."), arena_printf(r->arena, "%g", f->max));
	}
	if (errors->count == before && k->check)
		k->check(r, errors);
	if (errors->count == before)
		check_bounds(s, db, r, errors);
	return errors->count - before;
}
