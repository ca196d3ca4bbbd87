/* json_record.c - see json_record.h. */
#include "io/json_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *scalar_to_json(const struct field *f, const char *text)
{
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		return json_integer(strtoll(text, NULL, 10));
	case FT_REAL:
		return json_real(strtod(text, NULL));
	case FT_BOOL:
		return json_boolean(strcmp(text, "true") == 0);
	default:
		return json_string(text);
	}
}

json_t *json_from_record(const struct record *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	for (size_t i = 0; i < r->kind->nfields; i++) {
		const struct field *f = &r->kind->fields[i];
		const struct field_values *fv = &r->values[i];
		if (!(f->flags & F_MULTI)) {
			if (fv->count)
				json_object_set_new(o, f->name, scalar_to_json(f, fv->items[0].text));
			continue;
		}
		json_t *list = json_array();
		for (size_t j = 0; j < fv->count; j++) {
			const struct value *v = &fv->items[j];
			if (f->flags & (F_LANG | F_ACRONYM)) {
				json_t *item = json_object();
				json_object_set_new(item, "value", json_string(v->text));
				if (f->flags & F_LANG)
					json_object_set_new(item, "lang", v->lang ? json_string(v->lang) : json_null());
				if (f->flags & F_ACRONYM)
					json_object_set_new(item, "acronym", json_boolean(v->acronym));
				json_array_append_new(list, item);
			} else {
				json_array_append_new(list, scalar_to_json(f, v->text));
			}
		}
		json_object_set_new(o, f->name, list);
	}
	if (r->created_at)
		json_object_set_new(o, "created_at", json_string(r->created_at));
	if (r->updated_at)
		json_object_set_new(o, "updated_at", json_string(r->updated_at));
	if (r->deleted_at)
		json_object_set_new(o, "deleted_at", json_string(r->deleted_at));
	return o;
}

json_t *json_parse_object(struct arena *a, const char *body, size_t len, struct field_errors *errors)
{
	json_error_t e;
	/* NUL is let through so that the field holding it is named (scalar_text). */
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
	if (!root) {
		field_errors_add(errors, "body", N_("The body is not valid JSON: {}."),
				 arena_printf(a, "%s (byte %d)", e.text, e.position));
		return NULL;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		field_errors_add(errors, "body", N_("The body must be a JSON object."), NULL);
		return NULL;
	}
	return root;
}

/* The text of a JSON scalar for field f, or NULL after an error. */
static const char *scalar_text(struct arena *a, const struct field *f, json_t *v, struct field_errors *errors)
{
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		if (json_is_integer(v))
			return arena_printf(a, "%lld", (long long)json_integer_value(v));
		field_errors_add(errors, f->name, N_("Expected a whole number."), NULL);
		return NULL;
	case FT_REAL:
		if (json_is_number(v))
			return arena_printf(a, "%.17g", json_number_value(v));
		field_errors_add(errors, f->name, N_("Expected a number."), NULL);
		return NULL;
	case FT_BOOL:
		if (json_is_boolean(v))
			return json_is_true(v) ? "true" : "false";
		field_errors_add(errors, f->name, N_("Expected true or false."), NULL);
		return NULL;
	case FT_CODE:
		/* Codes that are numbers (SDGs) may come as numbers. */
		if (json_is_integer(v))
			return arena_printf(a, "%lld", (long long)json_integer_value(v));
		/* fall through */
	default:
		if (json_is_string(v)) {
			if (strlen(json_string_value(v)) != json_string_length(v)) {
				field_errors_add(errors, f->name, N_("This text holds control characters."), NULL);
				return NULL;
			}
			return json_string_value(v);
		}
		field_errors_add(errors, f->name, N_("Expected text."), NULL);
		return NULL;
	}
}

static int is_read_only(const char *key)
{
	return strcmp(key, "id") == 0 || strcmp(key, "created_at") == 0 || strcmp(key, "updated_at") == 0 ||
	       strcmp(key, "deleted_at") == 0;
}

struct record *json_to_record(struct arena *a, const struct kind *k, json_t *obj, struct field_errors *errors)
{
	size_t before = errors->count;
	struct record *r = record_new(a, k);
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		int i = model_field_index(k, key);
		if (i < 0) {
			if (!is_read_only(key))
				field_errors_add(errors, arena_strdup(a, key), N_("Unknown field."), NULL);
			continue;
		}
		const struct field *f = &k->fields[i];
		record_clear(r, i);
		if (json_is_null(v))
			continue;
		if (!(f->flags & F_MULTI)) {
			const char *t = scalar_text(a, f, v, errors);
			if (t)
				record_add(r, i, t, NULL, 0);
			continue;
		}
		if (!json_is_array(v)) {
			field_errors_add(errors, f->name, N_("Expected a list."), NULL);
			continue;
		}
		size_t j;
		json_t *item;
		json_array_foreach(v, j, item) {
			if (!(f->flags & (F_LANG | F_ACRONYM))) {
				const char *t = scalar_text(a, f, item, errors);
				if (t)
					record_add(r, i, t, NULL, 0);
				continue;
			}
			if (!json_is_object(item)) {
				field_errors_add(errors, f->name, N_("Expected a list of {\"value\", \"lang\"} objects."), NULL);
				break;
			}
			json_t *value = json_object_get(item, "value"), *lang = json_object_get(item, "lang"),
			       *acronym = json_object_get(item, "acronym");
			int bad = !json_is_string(value) || (lang && !json_is_string(lang) && !json_is_null(lang)) ||
				  (acronym && !json_is_boolean(acronym)) || (acronym && !(f->flags & F_ACRONYM));
			const char *ikey;
			json_t *iv;
			json_object_foreach(item, ikey, iv)
				bad |= strcmp(ikey, "value") != 0 && strcmp(ikey, "lang") != 0 && strcmp(ikey, "acronym") != 0;
			if (bad) {
				field_errors_add(errors, f->name, N_("Expected a list of {\"value\", \"lang\"} objects."), NULL);
				break;
			}
			const char *t = scalar_text(a, f, value, errors);
			if (t)
				record_add(r, i, t, json_is_string(lang) ? json_string_value(lang) : NULL, json_is_true(acronym));
		}
		r->values[i].present = 1;
	}
	return errors->count == before ? r : NULL;
}
