/*
 * fuzz_json_record.c - libFuzzer target for src/io/json_record.c: a JSON
 * body read into a record of every kind, and written back.
 *
 * For any input it checks:
 *   - json_parse_object() gives an object, or NULL with exactly one error
 *     on the field "body" (with a byte offset for syntax errors);
 *   - for each kind of model_kinds(), json_to_record() gives a record, or
 *     NULL with errors that each name a key of the object; a record only
 *     holds NUL-free values;
 *   - json_from_record() of that record gives an object holding "id" and
 *     only declared keys, which serialises (json_dumps) and, read back
 *     with json_parse_object() and json_to_record(), gives the same values;
 *   - nothing leaks (ASan's leak check runs after every input).
 *
 * Build and run: sh tests/fuzz/run.sh (seeds in tests/fuzz/corpus/json_record/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/arena.h"
#include "io/json_record.h"
#include "model/model.h"
#include "model/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_json_record: %s: \"%s\"\n", what, detail ? detail : "(null)");
	abort();
}

static int same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Do a and b hold the same values (present flags aside)? */
static void check_same_values(const struct record *a, const struct record *b)
{
	const struct kind *k = a->kind;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field_values *x = &a->values[i], *y = &b->values[i];
		if (x->count != y->count)
			fuzz_fail("round trip changed the number of values of", k->fields[i].name);
		for (size_t j = 0; j < x->count; j++) {
			if (!same_text(x->items[j].text, y->items[j].text))
				fuzz_fail("round trip changed a value", x->items[j].text);
			if (!same_text(x->items[j].lang, y->items[j].lang))
				fuzz_fail("round trip changed a language", x->items[j].lang);
			if (x->items[j].acronym != y->items[j].acronym)
				fuzz_fail("round trip changed an acronym flag", x->items[j].text);
		}
	}
}

static void check_record(const struct record *r)
{
	const struct kind *k = r->kind;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field_values *fv = &r->values[i];
		if (!(k->fields[i].flags & F_MULTI) && fv->count > 1)
			fuzz_fail("several values in a scalar field", k->fields[i].name);
		for (size_t j = 0; j < fv->count; j++)
			if (!fv->items[j].text)
				fuzz_fail("NULL value text in", k->fields[i].name);
	}
}

static void check_errors_name_keys(const struct field_errors *errors, size_t from, json_t *obj)
{
	if (errors->count <= from)
		fuzz_fail("NULL record without an error", "");
	for (size_t i = from; i < errors->count; i++) {
		const struct field_error *e = &errors->items[i];
		if (!e->field || !e->message || !e->message[0])
			fuzz_fail("error without a field or a message", e->field);
		if (!json_object_get(obj, e->field))
			fuzz_fail("error names a field the body does not hold", e->field);
	}
}

/* Write r out, read it back, compare. */
static void check_round_trip(struct arena *a, const struct record *r)
{
	const struct kind *k = r->kind;
	json_t *out = json_from_record(r);
	if (!json_is_object(out))
		fuzz_fail("json_from_record gave no object", k->name);
	if (!json_is_integer(json_object_get(out, "id")))
		fuzz_fail("json_from_record without an id", k->name);
	const char *key;
	json_t *value;
	json_object_foreach(out, key, value) {
		if (strcmp(key, "id") && strcmp(key, "created_at") && strcmp(key, "updated_at") &&
		    strcmp(key, "deleted_at") && model_field_index(k, key) < 0)
			fuzz_fail("json_from_record wrote an undeclared key", key);
	}

	/* Straight from the json_t. */
	struct field_errors errors;
	field_errors_init(&errors, a);
	struct record *again = json_to_record(a, k, out, &errors);
	if (!again)
		fuzz_fail("json_from_record's output is refused by json_to_record",
			  errors.count ? errors.items[0].field : "");
	check_same_values(r, again);

	/* Through the serialised text. */
	char *text = json_dumps(out, JSON_COMPACT);
	if (!text)
		fuzz_fail("json_dumps failed", k->name);
	json_t *parsed = json_parse_object(a, text, strlen(text), &errors);
	if (!parsed)
		fuzz_fail("serialised record does not parse", text);
	struct record *third = json_to_record(a, k, parsed, &errors);
	if (!third)
		fuzz_fail("serialised record is refused", text);
	check_same_values(r, third);

	json_decref(parsed);
	free(text);
	json_decref(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256 * 1024)
		return 0;
	struct arena a = ARENA_INIT;
	struct field_errors errors;
	field_errors_init(&errors, &a);

	json_t *obj = json_parse_object(&a, (const char *)data, size, &errors);
	if (!obj) {
		if (errors.count != 1 || strcmp(errors.items[0].field, "body") != 0)
			fuzz_fail("parse failure not reported on \"body\"", errors.count ? errors.items[0].field : "");
		const char *detail = errors.items[0].detail;
		if (detail && !strstr(detail, "byte "))
			fuzz_fail("syntax error without a byte offset", detail);
		goto out;
	}
	if (!json_is_object(obj) || errors.count != 0)
		fuzz_fail("json_parse_object gave a non-object or errors", "");

	size_t nkinds;
	const struct kind *const *kinds = model_kinds(&nkinds);
	for (size_t i = 0; i < nkinds; i++) {
		size_t before = errors.count;
		struct record *r = json_to_record(&a, kinds[i], obj, &errors);
		if (!r) {
			check_errors_name_keys(&errors, before, obj);
			continue;
		}
		if (errors.count != before)
			fuzz_fail("record returned with errors", kinds[i]->name);
		if (r->kind != kinds[i])
			fuzz_fail("record of the wrong kind", kinds[i]->name);
		check_record(r);
		check_round_trip(&a, r);
		(void)record_title(r);
	}
	json_decref(obj);
out:
	arena_release(&a);
	return 0;
}
