/* record.c - see record.h. */
#include "model/record.h"

#include <string.h>

struct record *record_new(struct arena *a, const struct kind *k)
{
	struct record *r = arena_alloc(a, sizeof(*r));
	r->kind = k;
	r->arena = a;
	r->values = arena_alloc(a, k->nfields * sizeof(*r->values));
	return r;
}

void record_add(struct record *r, int i, const char *text, const char *lang, int acronym)
{
	struct field_values *fv = &r->values[i];
	if (fv->count == fv->cap) {
		size_t cap = fv->cap ? fv->cap * 2 : 4;
		struct value *items = arena_alloc(r->arena, cap * sizeof(*items));
		if (fv->count)
			memcpy(items, fv->items, fv->count * sizeof(*items));
		fv->items = items;
		fv->cap = cap;
	}
	struct value *v = &fv->items[fv->count++];
	v->text = arena_strdup(r->arena, text ? text : "");
	v->lang = lang ? arena_strdup(r->arena, lang) : NULL;
	v->acronym = acronym != 0;
	fv->present = 1;
}

void record_clear(struct record *r, int i)
{
	r->values[i].count = 0;
	r->values[i].present = 1;
}

void record_set(struct record *r, int i, const char *text)
{
	record_clear(r, i);
	if (text && *text)
		record_add(r, i, text, NULL, 0);
}

const char *record_get(const struct record *r, int i)
{
	if (i < 0 || (size_t)i >= r->kind->nfields || r->values[i].count == 0)
		return NULL;
	return r->values[i].items[0].text;
}

const char *record_get_by_name(const struct record *r, const char *name)
{
	return record_get(r, model_field_index(r->kind, name));
}

const char *record_title(const struct record *r)
{
	const char *parts[4];
	size_t n = 0, len = 0;
	for (size_t i = 0; i < r->kind->nfields && n < 4; i++) {
		if (!(r->kind->fields[i].flags & F_TITLE))
			continue;
		const char *t = record_get(r, (int)i);
		if (t && *t) {
			parts[n++] = t;
			len += strlen(t) + 1;
		}
	}
	if (n == 0)
		return arena_printf(r->arena, "#%lld", (long long)r->id);
	char *out = arena_alloc(r->arena, len + 1), *p = out;
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ' ';
		size_t l = strlen(parts[i]);
		memcpy(p, parts[i], l);
		p += l;
	}
	*p = '\0';
	return out;
}

void field_errors_init(struct field_errors *e, struct arena *a)
{
	memset(e, 0, sizeof(*e));
	e->arena = a;
}

void field_errors_add(struct field_errors *e, const char *field, const char *message, const char *detail)
{
	if (e->count == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 8;
		struct field_error *items = arena_alloc(e->arena, cap * sizeof(*items));
		if (e->count)
			memcpy(items, e->items, e->count * sizeof(*items));
		e->items = items;
		e->cap = cap;
	}
	struct field_error *fe = &e->items[e->count++];
	fe->field = arena_strdup(e->arena, field ? field : "");
	fe->message = message;
	fe->detail = detail ? arena_strdup(e->arena, detail) : NULL;
}

const struct field_error *field_errors_find(const struct field_errors *e, const char *field)
{
	for (size_t i = 0; i < e->count; i++)
		if (strcmp(e->items[i].field, field) == 0)
			return &e->items[i];
	return NULL;
}
