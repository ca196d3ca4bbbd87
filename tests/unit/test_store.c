/*
 * test_store.c - the storage layer (src/store/) on a temporary database:
 * create with validation and canonicalisation, update, delete and
 * restore, lists with filters and keyset pages, accent-insensitive
 * search, reference resolution, and refusal of databases that are not
 * Passerelle's or are newer than the program.
 *
 * Build and run from the root:
 *   make build/release/tests/test_store && build/release/tests/test_store
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/text.h"
#include "db/db.h"
#include "model/model.h"
#include "model/record.h"
#include "store/store.h"

#include "store_fixture.h"

/* A valid organisation's record, not yet stored. */
static struct record *new_org(struct fixture *f, const char *name, const char *kind, const char *territory)
{
	struct record *r = record_new(&f->arena, &model_organization);
	set(r, "name", name);
	set(r, "kind", kind);
	set(r, "visibility", "public");
	if (territory)
		set(r, "territory", territory);
	return r;
}

/* Store r, which must be valid; its id. */
static int64_t create_ok(struct fixture *f, struct record *r)
{
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	int rc = store_create(f->store, &f->arena, &f->system, r, &errors);
	if (rc != STORE_OK)
		fail_msg("store_create: %d, %zu errors, first on \"%s\": %s (%s)", rc, errors.count,
			 errors.count ? errors.items[0].field : "", errors.count ? errors.items[0].message : "",
			 errors.count && errors.items[0].detail ? errors.items[0].detail : "");
	assert_true(r->id > 0);
	return r->id;
}

static struct record *get_ok(struct fixture *f, const struct kind *k, int64_t id)
{
	struct record *r = NULL;
	int rc = store_get(f->store, &f->arena, &f->system, k, id, 0, &r);
	if (rc != STORE_OK)
		fail_msg("store_get %s %lld: %d", k->name, (long long)id, rc);
	return r;
}

static size_t count_list(struct fixture *f, const struct kind *k, int deleted)
{
	struct store_query q = {.limit = STORE_MAX_LIMIT, .deleted = deleted};
	struct store_page page;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, k, &q, &page, &errors), STORE_OK);
	return page.count;
}

/* store-1.1: a new database is healthy; it opens again without create. */
static void test_open(void **state)
{
	struct fixture *f = *state;
	assert_true(store_healthy(f->store));
	assert_string_equal(store_path(f->store), f->path);
	store_close(f->store);
	char err[512] = "";
	f->store = store_open(f->path, 0, err, sizeof(err));
	if (!f->store)
		fail_msg("reopening: %s", err);
	assert_true(store_healthy(f->store));
	size_t n;
	assert_non_null(store_ref_items(f->store, "territory", &n));
	assert_true(n > 200);
	assert_non_null(store_ref_items(f->store, "sector", &n));
	assert_true(n > 0);
	assert_non_null(store_ref_items(f->store, "sdg", &n));
	assert_int_equal(n, 17);
}

/* store-1.2: a missing file is not created without `create`. */
static void test_open_missing(void **state)
{
	struct fixture *f = *state;
	char path[160], err[512] = "";
	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_null(store_open(path, 0, err, sizeof(err)));
	assert_true(err[0] != '\0');
	assert_int_equal(access(path, F_OK), -1);
}

/* store-2.1: a valid organisation is stored, its values canonical. */
static void test_create_canonical(void **state)
{
	struct fixture *f = *state;
	struct record *r = new_org(f, "  Office de l'eau  ", "state_service", "Martinique");
	set(r, "siren", "732 829 320");
	set(r, "siret", "732 829 320 00074");
	set(r, "ess", "oui");
	set(r, "website", "www.example.org");
	set(r, "email", "contact@example.org");
	set(r, "latitude", "14,6");
	set(r, "longitude", "-61.07");
	set(r, "rna", "w972001234");
	record_add(r, field(&model_organization, "names"), "ODE", "fr", 1);
	record_add(r, field(&model_organization, "sdgs"), "6", NULL, 0);
	record_add(r, field(&model_organization, "tags"), "eau", NULL, 0);
	record_add(r, field(&model_organization, "tags"), "eau", NULL, 0);
	int64_t id = create_ok(f, r);

	struct record *got = get_ok(f, &model_organization, id);
	assert_string_equal(record_get_by_name(got, "name"), "Office de l'eau");
	assert_string_equal(record_get_by_name(got, "territory"), "MQ");
	assert_string_equal(record_get_by_name(got, "siren"), "732829320");
	assert_string_equal(record_get_by_name(got, "siret"), "73282932000074");
	assert_string_equal(record_get_by_name(got, "ess"), "true");
	assert_string_equal(record_get_by_name(got, "website"), "https://www.example.org");
	assert_string_equal(record_get_by_name(got, "latitude"), "14.6");
	assert_string_equal(record_get_by_name(got, "rna"), "W972001234");
	int names = field(&model_organization, "names");
	assert_int_equal(got->values[names].count, 1);
	assert_string_equal(got->values[names].items[0].text, "ODE");
	assert_string_equal(got->values[names].items[0].lang, "fr");
	assert_true(got->values[names].items[0].acronym);
	/* The same value twice in a list is kept once. */
	assert_int_equal(got->values[field(&model_organization, "tags")].count, 1);
	assert_int_equal(got->values[field(&model_organization, "sdgs")].count, 1);
	assert_non_null(got->created_at);
	assert_non_null(got->updated_at);
	assert_null(got->deleted_at);
	assert_string_equal(record_title(got), "Office de l'eau");
}

/* store-2.2: a person's date typed the French way is stored ISO. */
static void test_create_french_date(void **state)
{
	struct fixture *f = *state;
	struct record *p = record_new(&f->arena, &model_person);
	set(p, "given_name", "Anne");
	set(p, "family_name", "Dupont");
	set(p, "legal_basis", "consent");
	set(p, "legal_basis_date", "14/03/2025");
	set(p, "visibility", "internal");
	record_add(p, field(&model_person, "emails"), "anne@example.org", NULL, 0);
	int64_t id = create_ok(f, p);
	struct record *got = get_ok(f, &model_person, id);
	assert_string_equal(record_get_by_name(got, "legal_basis_date"), "2025-03-14");
	assert_string_equal(record_title(got), "Anne Dupont");

	/* A date that does not exist, either way of writing it. */
	static const char *const bad[] = {"29/02/2023", "2023-02-29", "2025-13-01", "31/04/2025", "hier"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct record *q = record_new(&f->arena, &model_person);
		set(q, "family_name", "Martin");
		set(q, "legal_basis", "consent");
		set(q, "legal_basis_date", bad[i]);
		set(q, "visibility", "internal");
		struct field_errors errors;
		field_errors_init(&errors, &f->arena);
		assert_int_equal(store_create(f->store, &f->arena, &f->system, q, &errors), STORE_INVALID);
		if (!field_errors_find(&errors, "legal_basis_date"))
			fail_msg("date \"%s\" accepted", bad[i]);
	}
}

/* store-2.3: invalid values are refused, each error names its field, and
 * nothing is written. */
static void test_create_invalid(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *field;
		const char *value;
	} bad[] = {
		{"siren", "732829321"},
		{"siren", "73282932"},
		{"siret", "73282932000075"},
		{"email", "not an email"},
		{"website", "javascript:alert(1)"},
		{"website", "ftp://example.org"},
		{"phone", "call me"},
		{"kind", "secret_society"},
		{"territory", "Atlantis"},
		{"latitude", "95"},
		{"longitude", "east"},
		{"ess", "perhaps"},
		{"rna", "W12"},
		{"visibility", "everyone"},
		{"legal_form", "line one\nline two"},
		{"legal_form", "bell\a"},
	};
	size_t before = count_list(f, &model_organization, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct record *r = new_org(f, "Valid name", "association", NULL);
		set(r, bad[i].field, bad[i].value);
		if (strcmp(bad[i].field, "latitude") == 0)
			set(r, "longitude", "0");
		if (strcmp(bad[i].field, "longitude") == 0)
			set(r, "latitude", "0");
		struct field_errors errors;
		field_errors_init(&errors, &f->arena);
		int rc = store_create(f->store, &f->arena, &f->system, r, &errors);
		if (rc != STORE_INVALID)
			fail_msg("%s = \"%s\": %d, not STORE_INVALID", bad[i].field, bad[i].value, rc);
		if (!field_errors_find(&errors, bad[i].field))
			fail_msg("%s = \"%s\": no error names the field (first: \"%s\")", bad[i].field, bad[i].value,
				 errors.count ? errors.items[0].field : "");
		for (size_t e = 0; e < errors.count; e++) {
			assert_true(errors.items[e].field[0] != '\0');
			assert_non_null(errors.items[e].message);
		}
		assert_int_equal(r->id, 0);
	}

	/* Required fields, all at once. */
	struct record *empty = record_new(&f->arena, &model_organization);
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, empty, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "name"));
	assert_non_null(field_errors_find(&errors, "kind"));
	assert_non_null(field_errors_find(&errors, "visibility"));

	/* A SIRET that does not begin with the SIREN. */
	struct record *r = new_org(f, "Valid name", "association", NULL);
	set(r, "siren", "732829320");
	set(r, "siret", "55210055400013");
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, r, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "siret"));

	/* Too long. */
	char long_name[260];
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	r = new_org(f, long_name, "association", NULL);
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, r, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "name"));

	/* Invalid UTF-8. */
	r = new_org(f, "Soci\xc3t\xc3\xa9", "association", NULL);
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_create(f->store, &f->arena, &f->system, r, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "name"));

	assert_int_equal(count_list(f, &model_organization, 0), before);
}

/* store-3.1: reference resolution, as documented in store.h and
 * reference.c: a code in any case, then an exact name in any language
 * (folded), then a name that begins with the words typed, if only one
 * item has such a name; otherwise *ambiguous. */
static void test_ref_resolve(void **state)
{
	struct fixture *f = *state;
	struct arena *a = &f->arena;
	int amb;
	const struct ref_item *it;

	it = store_ref_resolve(f->store, a, "territory", "Martinique", &amb);
	assert_non_null(it);
	assert_string_equal(it->code, "MQ");
	assert_false(amb);
	it = store_ref_resolve(f->store, a, "territory", "mq", &amb);
	assert_non_null(it);
	assert_string_equal(it->code, "MQ");
	it = store_ref_resolve(f->store, a, "territory", "MARTINICA", &amb); /* Spanish */
	assert_non_null(it);
	assert_string_equal(it->code, "MQ");
	it = store_ref_resolve(f->store, a, "territory", "Sint Maarten", &amb);
	assert_non_null(it);
	assert_string_equal(it->code, "SX");
	it = store_ref_resolve(f->store, a, "territory", "saint martin partie francaise", &amb);
	assert_non_null(it);
	assert_string_equal(it->code, "MF");

	/* "San Martín" begins the Spanish names of both MF and SX. */
	it = store_ref_resolve(f->store, a, "territory", "San Mart\xc3\xadn", &amb);
	assert_null(it);
	assert_true(amb);

	/* "Saint-Martin" alone is ambiguous, as store.h says: it begins the
	 * French names of both MF and SX. */
	it = store_ref_resolve(f->store, a, "territory", "Saint-Martin", &amb);
	assert_null(it);
	assert_true(amb);
	it = store_ref_resolve(f->store, a, "territory", "Saint-Martin (partie fran\xc3\xa7" "aise)", &amb);
	assert_non_null(it);
	assert_string_equal(it->code, "MF");

	/* Nothing. */
	assert_null(store_ref_resolve(f->store, a, "territory", "Atlantis", &amb));
	assert_false(amb);
	assert_null(store_ref_resolve(f->store, a, "territory", "", &amb));
	assert_null(store_ref_resolve(f->store, a, "territory", "--", &amb));
	assert_null(store_ref_resolve(f->store, a, "no such list", "MQ", &amb));

	/* Labels by language, the code when unknown. */
	assert_string_equal(store_ref_label(f->store, "territory", "MQ", 0), "Martinique");
	assert_string_equal(store_ref_label(f->store, "territory", "MQ", 2), "Martinica");
	assert_string_equal(store_ref_label(f->store, "territory", "ZZZ", 0), "ZZZ");
	assert_non_null(store_ref_find(f->store, "territory", "SX"));
	assert_null(store_ref_find(f->store, "territory", "sx"));

	/* Through validation: an ambiguous name is an error on its field. */
	struct record *r = new_org(f, "Ambigu", "association", "San Mart\xc3\xadn");
	struct field_errors errors;
	field_errors_init(&errors, a);
	assert_int_equal(store_create(f->store, a, &f->system, r, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "territory"));
	r = new_org(f, "Philipsburg", "association", "Saint-Martin");
	field_errors_init(&errors, a);
	assert_int_equal(store_create(f->store, a, &f->system, r, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "territory"));
	r = new_org(f, "Marigot", "association", "saint martin french part");
	int64_t id = create_ok(f, r);
	assert_string_equal(record_get_by_name(get_ok(f, &model_organization, id), "territory"), "MF");
}

/* store-4.1: update changes what the patch holds, and only that; an
 * invalid update changes nothing. */
static void test_update(void **state)
{
	struct fixture *f = *state;
	struct record *r = new_org(f, "Avant", "association", "MQ");
	set(r, "email", "a@example.org");
	int64_t id = create_ok(f, r);

	struct record *patch = record_new(&f->arena, &model_organization);
	patch->id = id;
	set(patch, "name", "Apr\xc3\xa8s");
	set(patch, "siren", "732 829 320");
	struct record *out = NULL;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &f->system, patch, &out, &errors), STORE_OK);
	assert_non_null(out);
	assert_string_equal(record_get_by_name(out, "name"), "Apr\xc3\xa8s");
	struct record *got = get_ok(f, &model_organization, id);
	assert_string_equal(record_get_by_name(got, "name"), "Apr\xc3\xa8s");
	assert_string_equal(record_get_by_name(got, "siren"), "732829320");
	assert_string_equal(record_get_by_name(got, "email"), "a@example.org");
	assert_string_equal(record_get_by_name(got, "territory"), "MQ");

	/* Emptying a field: present without values. */
	patch = record_new(&f->arena, &model_organization);
	patch->id = id;
	record_clear(patch, field(&model_organization, "email"));
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &f->system, patch, NULL, &errors), STORE_OK);
	assert_null(record_get_by_name(get_ok(f, &model_organization, id), "email"));

	/* Invalid: nothing changes. */
	patch = record_new(&f->arena, &model_organization);
	patch->id = id;
	set(patch, "name", "Encore");
	set(patch, "siren", "732829321");
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &f->system, patch, NULL, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "siren"));
	got = get_ok(f, &model_organization, id);
	assert_string_equal(record_get_by_name(got, "name"), "Apr\xc3\xa8s");

	/* Emptying a required field. */
	patch = record_new(&f->arena, &model_organization);
	patch->id = id;
	record_clear(patch, field(&model_organization, "name"));
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &f->system, patch, NULL, &errors), STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "name"));

	/* A record that does not exist. */
	patch = record_new(&f->arena, &model_organization);
	patch->id = id + 1000;
	set(patch, "name", "Personne");
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_update(f->store, &f->arena, &f->system, patch, NULL, &errors), STORE_NOT_FOUND);
}

/* store-5.1: delete moves to the bin; restore brings back. */
static void test_delete_restore(void **state)
{
	struct fixture *f = *state;
	int64_t id = create_ok(f, new_org(f, "Corbeille", "association", NULL));
	size_t live = count_list(f, &model_organization, 0);
	size_t bin = count_list(f, &model_organization, 1);

	assert_int_equal(store_delete(f->store, &f->system, &model_organization, id), STORE_OK);
	struct record *r = NULL;
	assert_int_equal(store_get(f->store, &f->arena, &f->system, &model_organization, id, 0, &r), STORE_NOT_FOUND);
	assert_int_equal(store_get(f->store, &f->arena, &f->system, &model_organization, id, 1, &r), STORE_OK);
	assert_non_null(r->deleted_at);
	assert_null(store_title(f->store, &f->arena, &f->system, &model_organization, id));
	assert_int_equal(count_list(f, &model_organization, 0), live - 1);
	assert_int_equal(count_list(f, &model_organization, 1), bin + 1);
	/* Not in search either. */
	struct search_hit *hits;
	size_t n;
	const char *next;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_search(f->store, &f->arena, &f->system, "corbeille", 10, NULL, &hits, &n, &next, &errors),
			 STORE_OK);
	assert_int_equal(n, 0);
	/* Deleting again: it is not there to delete. */
	assert_int_equal(store_delete(f->store, &f->system, &model_organization, id), STORE_NOT_FOUND);

	assert_int_equal(store_restore(f->store, &f->system, &model_organization, id), STORE_OK);
	r = get_ok(f, &model_organization, id);
	assert_null(r->deleted_at);
	assert_string_equal(record_get_by_name(r, "name"), "Corbeille");
	assert_int_equal(count_list(f, &model_organization, 0), live);
	assert_int_equal(store_search(f->store, &f->arena, &f->system, "corbeille", 10, NULL, &hits, &n, &next, &errors),
			 STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].id, id);
	/* Restoring what is not deleted is a conflict. */
	assert_int_equal(store_restore(f->store, &f->system, &model_organization, id), STORE_CONFLICT);
	/* Unknown ids. */
	assert_int_equal(store_delete(f->store, &f->system, &model_organization, id + 1000), STORE_NOT_FOUND);
	assert_int_equal(store_restore(f->store, &f->system, &model_organization, id + 1000), STORE_NOT_FOUND);
}

/* store-6.1: filters, and keyset pages that give every record once, in
 * French collation order. */
static void test_list_filters_and_pages(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = {
		"Zoo de Martinique", "\xc3\x89" "cole des Trois-\xc3\x8elets", "ecole du Nord", "Ecoles r\xc3\xa9unies",
		"Association Alpha", "association beta", "Coop\xc3\xa9rative Gamma", "Delta", "\xc3\x89tang", "Epsilon",
		"Mutuelle", "Banane",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	for (size_t i = 0; i < n; i++)
		create_ok(f, new_org(f, names[i], i % 3 == 0 ? "association" : "company", i % 2 ? "MQ" : "GP"));

	/* Filters. */
	struct store_query q = {.limit = 100};
	q.filters[0] = (struct store_filter){"kind", "association"};
	q.nfilters = 1;
	struct store_page page;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &q, &page, &errors), STORE_OK);
	assert_int_equal(page.count, 4);
	for (size_t i = 0; i < page.count; i++)
		assert_string_equal(record_get_by_name(page.items[i], "kind"), "association");
	q.filters[1] = (struct store_filter){"territory", "Martinique"};
	q.nfilters = 2;
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &q, &page, &errors), STORE_OK);
	assert_int_equal(page.count, 2); /* i = 3 and 9 */
	for (size_t i = 0; i < page.count; i++)
		assert_string_equal(record_get_by_name(page.items[i], "territory"), "MQ");

	/* Bad filters, bad values, bad cursors, bad limits: errors on them. */
	struct store_query bad = {.limit = 10};
	bad.filters[0] = (struct store_filter){"email", "x@example.org"}; /* not F_FILTER */
	bad.nfilters = 1;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &bad, &page, &errors),
			 STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "email"));
	bad.filters[0] = (struct store_filter){"kind", "nope"};
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &bad, &page, &errors),
			 STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "kind"));
	bad.nfilters = 0;
	bad.after = "not a cursor";
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &bad, &page, &errors),
			 STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "after"));
	bad.after = NULL;
	bad.limit = STORE_MAX_LIMIT + 1;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &bad, &page, &errors),
			 STORE_INVALID);
	assert_non_null(field_errors_find(&errors, "limit"));

	/* All of them, then page by page: the same records in the same order. */
	struct store_query all = {.limit = 100};
	struct store_page whole;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &all, &whole, &errors), STORE_OK);
	assert_int_equal(whole.count, n);
	assert_null(whole.next);
	for (int limit = 1; limit <= 5; limit++) {
		struct store_query pq = {.limit = limit};
		size_t seen = 0;
		for (int guard = 0; guard < 100; guard++) {
			field_errors_init(&errors, &f->arena);
			assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &pq, &page, &errors),
					 STORE_OK);
			assert_true(page.count <= (size_t)limit);
			for (size_t i = 0; i < page.count; i++) {
				assert_true(seen < n);
				assert_int_equal(page.items[i]->id, whole.items[seen]->id);
				seen++;
			}
			if (!page.next)
				break;
			assert_int_equal(page.count, limit);
			pq.after = page.next;
		}
		assert_int_equal(seen, n);
	}

	/* French collation: accents after the plain letter at the same place,
	 * case aside: "ecole" < "École" < "Ecoles". */
	size_t pos_ecole = n, pos_Ecole = n, pos_Ecoles = n, pos_zoo = n, pos_assoc = n;
	for (size_t i = 0; i < whole.count; i++) {
		const char *t = record_get_by_name(whole.items[i], "name");
		if (strcmp(t, "ecole du Nord") == 0)
			pos_ecole = i;
		else if (strncmp(t, "\xc3\x89" "cole des", 8) == 0)
			pos_Ecole = i;
		else if (strncmp(t, "Ecoles", 6) == 0)
			pos_Ecoles = i;
		else if (strncmp(t, "Zoo", 3) == 0)
			pos_zoo = i;
		else if (strcmp(t, "Association Alpha") == 0)
			pos_assoc = i;
	}
	assert_int_equal(pos_assoc, 0);
	assert_int_equal(pos_zoo, n - 1);
	assert_true(pos_Ecole < pos_ecole); /* "École des..." < "ecole du..." (des < du) */
	assert_true(pos_ecole < pos_Ecoles);
}

/* store-7.1: search folds case, accents and ligatures on both sides. */
static void test_search_accents(void **state)
{
	struct fixture *f = *state;
	struct record *r = new_org(f, "Soci\xc3\xa9t\xc3\xa9 des \xc5\x92uvres Cara\xc3\xaf" "bes", "association", "MQ");
	record_add(r, field(&model_organization, "names"), "SOC", "fr", 1);
	int64_t id = create_ok(f, r);
	create_ok(f, new_org(f, "Autre chose", "company", NULL));

	static const char *const queries[] = {
		"societe", "SOCI\xc3\x89T\xc3\x89", "soci\xc3\xa9t\xc3\xa9", "oeuvres", "\xc5\x93uvres", "caraibes", "soc",
		"societe oeuvres", "  Soci\xc3\xa9t\xc3\xa9!  ", "soci",
	};
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct search_hit *hits;
		size_t n;
		const char *next;
		struct field_errors errors;
		field_errors_init(&errors, &f->arena);
		assert_int_equal(store_search(f->store, &f->arena, &f->system, queries[i], 10, NULL, &hits, &n, &next, &errors),
				 STORE_OK);
		if (n != 1 || hits[0].id != id || hits[0].kind != &model_organization)
			fail_msg("search \"%s\": %zu hits", queries[i], n);
		assert_non_null(hits[0].title);
	}
	/* Words that are not there, and FTS syntax that must stay text. */
	static const char *const none[] = {"societe zzz", "\"", "NEAR(societe)", "soc*", "-", "AND OR NOT", ""};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		struct search_hit *hits;
		size_t n = 99;
		const char *next;
		struct field_errors errors;
		field_errors_init(&errors, &f->arena);
		int rc = store_search(f->store, &f->arena, &f->system, none[i], 10, NULL, &hits, &n, &next, &errors);
		if (rc != STORE_OK)
			fail_msg("search \"%s\": %d", none[i], rc);
		(void)n;
	}
	/* The list of one kind searches the same way. */
	struct store_query q = {.q = "CARAIBES", .limit = 10};
	struct store_page page;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_list(f->store, &f->arena, &f->system, &model_organization, &q, &page, &errors), STORE_OK);
	assert_int_equal(page.count, 1);
	assert_int_equal(page.items[0]->id, id);
}

/* store-8.1: a reader that is not allowed does not see what is above it. */
static void test_visibility(void **state)
{
	struct fixture *f = *state;
	struct record *r = new_org(f, "Interne", "association", NULL);
	set(r, "visibility", "internal");
	int64_t internal = create_ok(f, r);
	int64_t public = create_ok(f, new_org(f, "Publique", "association", NULL));
	struct viewer anonymous;
	memset(&anonymous, 0, sizeof(anonymous));
	struct record *got;
	assert_int_equal(store_get(f->store, &f->arena, &anonymous, &model_organization, internal, 0, &got),
			 STORE_NOT_FOUND);
	assert_int_equal(store_get(f->store, &f->arena, &anonymous, &model_organization, public, 0, &got), STORE_OK);
	struct search_hit *hits;
	size_t n;
	const char *next;
	struct field_errors errors;
	field_errors_init(&errors, &f->arena);
	assert_int_equal(store_search(f->store, &f->arena, &anonymous, "interne", 10, NULL, &hits, &n, &next, &errors),
			 STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_search(f->store, &f->arena, &f->system, "interne", 10, NULL, &hits, &n, &next, &errors),
			 STORE_OK);
	assert_int_equal(n, 1);
}

/* Make a SQLite file at path with the given SQL. */
static void make_sqlite(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
}

/* store-9.1: a database that is not Passerelle's is refused, untouched. */
static void test_foreign_database(void **state)
{
	struct fixture *f = *state;
	char path[160], err[512] = "";
	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	make_sqlite(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);");
	for (int create = 0; create <= 1; create++) {
		err[0] = '\0';
		assert_null(store_open(path, create, err, sizeof(err)));
		if (!strstr(err, "not created by Passerelle"))
			fail_msg("message: \"%s\"", err);
	}
	/* Its tables are as they were. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	/* And so is its journal mode: switching somebody else's database to
	 * WAL is a lasting change (reported: db_open sets journal_mode=WAL
	 * before the schema is checked). */
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char mode[16];
	snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	unlink(path);
	if (strcmp(mode, "delete") != 0)
		fail_msg("the refused database was switched to journal_mode=%s", mode);
}

/* store-9.2: a file that is not a database at all is refused, named. */
static void test_not_a_database(void **state)
{
	struct fixture *f = *state;
	char path[160], err[512] = "";
	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	fputs("name;siren\nOffice;732829320\n", file);
	fclose(file);
	err[0] = '\0';
	assert_null(store_open(path, 0, err, sizeof(err)));
	assert_true(err[0] != '\0');
	assert_non_null(strstr(err, path));
	unlink(path);
}

/* store-9.3: a database from a newer Passerelle is refused with "newer". */
static void test_newer_database(void **state)
{
	struct fixture *f = *state;
	char path[160], err[512] = "";
	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	make_sqlite(path, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
			  "INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01T00:00:00Z');");
	assert_null(store_open(path, 0, err, sizeof(err)));
	if (!strstr(err, "newer"))
		fail_msg("message: \"%s\"", err);
	assert_non_null(strstr(err, "999"));
	unlink(path);

	/* Our own database, moved forward. */
	store_close(f->store);
	f->store = NULL;
	make_sqlite(f->path, "INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01T00:00:00Z');");
	err[0] = '\0';
	assert_null(store_open(f->path, 0, err, sizeof(err)));
	if (!strstr(err, "newer"))
		fail_msg("message: \"%s\"", err);
	/* Back for teardown. */
	make_sqlite(f->path, "DELETE FROM schema_migrations WHERE version = 999;");
	f->store = store_open(f->path, 0, err, sizeof(err));
	if (!f->store)
		fail_msg("reopening: %s", err);
}

/* A statement stepped to a row and never reset keeps its connection on an
 * old snapshot: a page would go on showing what was true before the last
 * write.  db_reset_open_statements() names it and lets the reader see the
 * present again (store_thread_done() calls it after every request). */
static void test_open_statement_pins_snapshot(void **state)
{
	struct fixture *f = *state;
	char path[160], err[512] = "", sql[200] = "";
	snprintf(path, sizeof(path), "%s/snap.db", f->dir);
	struct db *w = db_open(path, DB_OPEN_WRITE, err, sizeof(err));
	assert_non_null(w);
	assert_int_equal(db_set_wal(w), DB_OK);
	assert_int_equal(db_exec(w, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2);"), DB_OK);
	struct db *r = db_open(path, DB_OPEN_READ, err, sizeof(err));
	assert_non_null(r);
	struct db_stmt *rows = db_prepare(r, "SELECT v FROM t");
	assert_int_equal(db_step(rows), DB_ROW); /* left stepping */
	assert_int_equal(db_exec(w, "INSERT INTO t VALUES (3)"), DB_OK);
	struct db_stmt *n = db_prepare(r, "SELECT count(*) FROM t");
	assert_int_equal(db_step(n), DB_ROW);
	assert_int_equal(db_column_int(n, 0), 2); /* the old snapshot */
	db_stmt_done(n);
	assert_int_equal(db_reset_open_statements(r, sql, sizeof(sql)), 1);
	assert_string_equal(sql, "SELECT v FROM t");
	assert_int_equal(db_reset_open_statements(r, sql, sizeof(sql)), 0);
	assert_int_equal(db_step(n), DB_ROW);
	assert_int_equal(db_column_int(n, 0), 3);
	db_stmt_done(n);
	db_close(r);
	db_close(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_canonical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_french_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ref_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_restore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters_and_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_accents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visibility, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_statement_pins_snapshot, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, group_setup, group_teardown);
}
