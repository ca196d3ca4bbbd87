/*
 * test_model.c - the declarations of src/model/ are consistent: every kind
 * has unique field names, a title, labels; enumerations are non-empty with
 * unique codes; references name existing kinds or reference tables; the
 * lookups find kinds by name and by plural.
 *
 * Build and run from the root:
 *   make build/release/tests/test_model && build/release/tests/test_model
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "model/record.h"

static const struct kind *const *all_kinds(size_t *count)
{
	const struct kind *const *kinds = model_kinds(count);
	assert_non_null(kinds);
	assert_true(*count >= 4);
	return kinds;
}

/* model-1.1: kinds have names, plurals, labels, and their index. */
static void test_kinds_named(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		assert_non_null(k);
		assert_non_null(k->name);
		assert_non_null(k->plural);
		assert_true(k->name[0] && k->plural[0]);
		assert_string_not_equal(k->name, k->plural);
		assert_non_null(k->label);
		assert_non_null(k->label_plural);
		assert_true(k->label[0] && k->label_plural[0]);
		assert_int_equal(k->index, (int)i);
		assert_non_null(k->fields);
		assert_true(k->nfields > 0);
		/* Names are SQL identifiers: a-z and '_'; plurals are URL
		 * segments: a-z, '_' and '-' ("follow-ups"). */
		for (const char *p = k->name; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || *p == '_');
		for (const char *p = k->plural; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || *p == '_' || *p == '-');
	}
}

/* model-1.2: no two kinds share a name or a plural (either way round). */
static void test_kinds_unique(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			assert_string_not_equal(kinds[i]->name, kinds[j]->name);
			assert_string_not_equal(kinds[i]->plural, kinds[j]->plural);
			assert_string_not_equal(kinds[i]->name, kinds[j]->plural);
			assert_string_not_equal(kinds[i]->plural, kinds[j]->name);
		}
}

/* model-2.1: field names are unique within a kind, are identifiers, and
 * are not the columns every table has. */
static void test_field_names_unique(void **state)
{
	(void)state;
	static const char *const reserved[] = {"id", "created_at", "updated_at", "deleted_at", "sort_key"};
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		for (size_t f = 0; f < k->nfields; f++) {
			const char *name = k->fields[f].name;
			assert_non_null(name);
			assert_true(name[0] >= 'a' && name[0] <= 'z');
			for (const char *p = name; *p; p++)
				assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_');
			for (size_t r = 0; r < sizeof(reserved) / sizeof(reserved[0]); r++)
				assert_string_not_equal(name, reserved[r]);
			for (size_t g = f + 1; g < k->nfields; g++)
				if (strcmp(name, k->fields[g].name) == 0)
					fail_msg("%s: field %s declared twice", k->name, name);
		}
	}
}

/* model-2.2: every kind has at least one F_TITLE field, and it is scalar. */
static void test_title_field(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		int titles = 0;
		for (size_t f = 0; f < k->nfields; f++)
			if (k->fields[f].flags & F_TITLE) {
				titles++;
				assert_false(k->fields[f].flags & F_MULTI);
			}
		/* A relationship is titled by the records it joins ("A · member
		 * of · B", web/view_record.c display_title): no field of its own. */
		if (titles == 0 && k != &model_relationship)
			fail_msg("%s has no F_TITLE field", k->name);
	}
}

/* model-2.3: every field has a label; help and group, when set, are text. */
static void test_field_labels(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		for (size_t f = 0; f < k->nfields; f++) {
			const struct field *fl = &k->fields[f];
			if (!fl->label || !fl->label[0])
				fail_msg("%s.%s has no label", k->name, fl->name);
			if (fl->help)
				assert_true(fl->help[0] != '\0');
			if (fl->group)
				assert_true(fl->group[0] != '\0');
			assert_true(fl->max_len >= 0);
			if (fl->type == FT_INT || fl->type == FT_REAL || (fl->flags & F_MULTI))
				assert_true(fl->min <= fl->max);
		}
	}
}

static void check_enum(const char *where, const struct enum_def *e)
{
	if (!e)
		fail_msg("%s: FT_ENUM without an enumeration", where);
	assert_non_null(e->name);
	if (e->count == 0 || !e->values)
		fail_msg("%s: empty enumeration %s", where, e->name);
	for (size_t v = 0; v < e->count; v++) {
		assert_non_null(e->values[v].code);
		assert_true(e->values[v].code[0] != '\0');
		if (!e->values[v].label || !e->values[v].label[0])
			fail_msg("%s: value %s has no label", where, e->values[v].code);
		for (size_t w = v + 1; w < e->count; w++)
			if (strcmp(e->values[v].code, e->values[w].code) == 0)
				fail_msg("%s: code %s twice in %s", where, e->values[v].code, e->name);
		assert_ptr_equal(model_enum_value(e, e->values[v].code), &e->values[v]);
	}
	assert_null(model_enum_value(e, "no such code"));
	assert_null(model_enum_value(e, NULL));
}

/* model-3.1: each FT_ENUM field has a non-empty enumeration, codes
 * unique; other types have none. */
static void test_enumerations(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		for (size_t f = 0; f < k->nfields; f++) {
			const struct field *fl = &k->fields[f];
			char where[128];
			snprintf(where, sizeof(where), "%s.%s", k->name, fl->name);
			if (fl->type == FT_ENUM)
				check_enum(where, fl->enumeration);
			else if (fl->enumeration)
				fail_msg("%s: enumeration on a field that is not FT_ENUM", where);
		}
	}
	check_enum("model_value_languages", &model_value_languages);
	check_enum("model_visibility", &model_visibility);
	assert_null(model_enum_value(NULL, "fr"));
}

/* model-3.2: visibility levels go from the most open ("public") to the
 * most closed ("confidential"), with "internal" in between. */
static void test_visibility_order(void **state)
{
	(void)state;
	size_t n = model_visibility.count;
	assert_true(n >= 3);
	assert_string_equal(model_visibility.values[0].code, "public");
	assert_string_equal(model_visibility.values[1].code, "internal");
	assert_string_equal(model_visibility.values[n - 1].code, "confidential");
}

/* model-4.1: FT_REF names an existing kind; FT_CODE one of the reference
 * tables; other types have no ref. */
static void test_references(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		for (size_t f = 0; f < k->nfields; f++) {
			const struct field *fl = &k->fields[f];
			if (fl->type == FT_REF) {
				if (!fl->ref || !model_kind(fl->ref))
					fail_msg("%s.%s refers to unknown kind %s", k->name, fl->name,
						 fl->ref ? fl->ref : "(null)");
				assert_string_equal(model_kind(fl->ref)->name, fl->ref);
			} else if (fl->type == FT_CODE) {
				if (!fl->ref || (strcmp(fl->ref, "territory") && strcmp(fl->ref, "sector") &&
						 strcmp(fl->ref, "sdg")))
					fail_msg("%s.%s: FT_CODE on unknown table %s", k->name, fl->name,
						 fl->ref ? fl->ref : "(null)");
			} else if (fl->ref) {
				fail_msg("%s.%s: ref on a field that is neither FT_REF nor FT_CODE", k->name, fl->name);
			}
		}
	}
}

/* model-4.2: the flags that need a type have it: F_LANG/F_ACRONYM only on
 * multi-valued text; F_FILTER not on long text; has_visibility matches a
 * visibility field using model_visibility. */
static void test_flags_consistent(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		const struct kind *k = kinds[i];
		for (size_t f = 0; f < k->nfields; f++) {
			const struct field *fl = &k->fields[f];
			if (fl->flags & (F_LANG | F_ACRONYM)) {
				assert_true(fl->flags & F_MULTI);
				assert_true(fl->type == FT_TEXT || fl->type == FT_LONGTEXT);
			}
			if (fl->flags & F_ACRONYM)
				assert_true(fl->flags & F_LANG);
			if (fl->flags & F_FILTER)
				assert_true(fl->type != FT_LONGTEXT);
		}
		const struct field *vis = model_field(k, "visibility");
		if (k->has_visibility) {
			assert_non_null(vis);
			assert_int_equal(vis->type, FT_ENUM);
			assert_ptr_equal(vis->enumeration, &model_visibility);
			assert_true(vis->flags & F_REQUIRED);
		} else {
			assert_null(vis);
		}
		if (k->searchable) {
			int indexed = 0;
			for (size_t f = 0; f < k->nfields; f++)
				indexed |= (k->fields[f].flags & (F_NAME | F_SEARCH)) != 0;
			assert_true(indexed);
		}
	}
}

/* model-5.1: lookups by name and by plural. */
static void test_lookups(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++) {
		assert_ptr_equal(model_kind(kinds[i]->name), kinds[i]);
		assert_ptr_equal(model_kind(kinds[i]->plural), kinds[i]);
		assert_ptr_equal(model_kind_by_plural(kinds[i]->plural), kinds[i]);
		/* by_plural does not take the singular */
		assert_null(model_kind_by_plural(kinds[i]->name));
	}
	assert_ptr_equal(model_kind("organization"), &model_organization);
	assert_ptr_equal(model_kind("organizations"), &model_organization);
	assert_ptr_equal(model_kind_by_plural("people"), &model_person);
	assert_ptr_equal(model_kind("person"), &model_person);
	assert_ptr_equal(model_kind("position"), &model_position);
	assert_ptr_equal(model_kind_by_plural("relationships"), &model_relationship);
	assert_null(model_kind("Organization"));
	assert_null(model_kind(""));
	assert_null(model_kind("organisation"));
	assert_null(model_kind_by_plural("persons"));
	assert_null(model_kind_by_plural(""));
}

/* model-5.2: field lookups. */
static void test_field_lookups(void **state)
{
	(void)state;
	size_t n;
	const struct kind *const *kinds = all_kinds(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t f = 0; f < kinds[i]->nfields; f++) {
			assert_int_equal(model_field_index(kinds[i], kinds[i]->fields[f].name), (int)f);
			assert_ptr_equal(model_field(kinds[i], kinds[i]->fields[f].name), &kinds[i]->fields[f]);
		}
	assert_int_equal(model_field_index(&model_organization, "nope"), -1);
	assert_int_equal(model_field_index(&model_organization, NULL), -1);
	assert_null(model_field(&model_organization, "id"));
	assert_int_equal(model_field(&model_organization, "siren")->type, FT_SIREN);
}

/* model-6.1: record_title joins the F_TITLE fields; without any it is "#id". */
static void test_record_title(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct record *p = record_new(&a, &model_person);
	p->id = 7;
	assert_string_equal(record_title(p), "#7");
	record_set(p, model_field_index(&model_person, "family_name"), "Dupont");
	assert_string_equal(record_title(p), "Dupont");
	record_set(p, model_field_index(&model_person, "given_name"), "Anne");
	assert_string_equal(record_title(p), "Anne Dupont");
	record_set(p, model_field_index(&model_person, "given_name"), "");
	assert_null(record_get_by_name(p, "given_name"));
	assert_true(p->values[model_field_index(&model_person, "given_name")].present);
	assert_string_equal(record_title(p), "Dupont");
	assert_null(record_get_by_name(p, "no such field"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_named),
		cmocka_unit_test(test_kinds_unique),
		cmocka_unit_test(test_field_names_unique),
		cmocka_unit_test(test_title_field),
		cmocka_unit_test(test_field_labels),
		cmocka_unit_test(test_enumerations),
		cmocka_unit_test(test_visibility_order),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_flags_consistent),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_field_lookups),
		cmocka_unit_test(test_record_title),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
