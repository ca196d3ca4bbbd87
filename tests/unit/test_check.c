/*
 * test_check.c - the checks of single values in src/model/check.c: Luhn
 * (SIREN, SIRET), email, URL, phone, date, RNA; and the cross-field checks.
 *
 * Build and run from the root:
 *   make build/release/tests/test_check && build/release/tests/test_check
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/check.h"
#include "model/model.h"
#include "model/record.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Run `fn` on every string of `list` and expect `want` from each. */
static void expect_all(int (*fn)(const char *), const char *const *list, size_t n, int want, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (fn(list[i]) != want)
			fail_msg("%s(\"%s\") should be %s", what, list[i], want ? "valid" : "invalid");
}

/* check-1.1: SIREN, nine digits with a Luhn check digit. */
static void test_luhn_siren(void **state)
{
	(void)state;
	assert_true(check_luhn("732829320", 9));
	assert_false(check_luhn("732829321", 9));
	assert_true(check_luhn("552100554", 9));  /* a well-known SIREN */
	assert_true(check_luhn("000000000", 9));
	assert_false(check_luhn("73282932a", 9));
	assert_false(check_luhn("7328 2932", 9));
	/* Every single-digit change of a valid SIREN is caught. */
	char s[] = "732829320";
	for (int i = 0; i < 9; i++) {
		char keep = s[i];
		for (char d = '0'; d <= '9'; d++) {
			if (d == keep)
				continue;
			s[i] = d;
			if (check_luhn(s, 9))
				fail_msg("check_luhn accepts %s", s);
		}
		s[i] = keep;
	}
}

/* check-1.2: SIRET, fourteen digits; the SIREN is its first nine. */
static void test_luhn_siret(void **state)
{
	(void)state;
	assert_true(check_luhn("73282932000074", 14));
	assert_false(check_luhn("73282932000075", 14));
	assert_true(check_luhn("55210055400013", 14));
	assert_false(check_luhn("5521005540001x", 14));
	/* Only `len` characters are read. */
	assert_true(check_luhn("732829320XXXX", 9));
}

/* check-2.1: emails. */
static void test_email(void **state)
{
	(void)state;
	static const char *const good[] = {
		"a@b.fr",
		"contact@eaumartinique.fr",
		"prenom.nom+tag@sous.domaine.example.org",
		"o'brien@example.com",
		"x_y-z@ex-ample.co.uk",
		"\xc3\xa9lise@\xc3\xa9xemple.fr",
	};
	static const char *const bad[] = {
		"",
		"a",
		"@b.fr",
		"a@",
		"a@b",
		"a@b.",
		"a@.fr",
		"a@-b.fr",
		"a@b..fr",
		"a@@b.fr",
		"a@b@c.fr",
		"a b@c.fr",
		"a@b c.fr",
		" a@b.fr",
		"a@b.fr ",
		"a\t@b.fr",
		"a\n@b.fr",
		"<a@b.fr>",
		"\"a\"@b.fr",
		"a@b.fr,c@d.fr",
		"a@b.fr;c@d.fr",
		"a\x7f@b.fr",
	};
	expect_all(check_email, good, COUNT(good), 1, "check_email");
	expect_all(check_email, bad, COUNT(bad), 0, "check_email");
}

/* check-3.1: URLs, http and https only, with a host, no spaces. */
static void test_url(void **state)
{
	(void)state;
	static const char *const good[] = {
		"http://example.org",
		"https://example.org",
		"https://example.org/",
		"https://www.collectivite-martinique.mq/path?a=1&b=2#top",
		"https://example.org:8443/x",
		"http://[::1]:8080/",
		"https://d\xc3\xa9partement.fr/",
	};
	static const char *const bad[] = {
		"",
		"example.org",
		"www.example.org",
		"javascript:alert(1)",
		"JAVASCRIPT:alert(1)",
		"javascript://example.org/%0Aalert(1)",
		"data:text/html;base64,PHNjcmlwdD4=",
		"vbscript:msgbox",
		"ftp://example.org/",
		"file:///etc/passwd",
		"mailto:a@b.fr",
		"//example.org/",
		"http://",
		"https://",
		"https:///path",
		"http:/example.org",
		"https://exa mple.org/",
		"https://example.org/a b",
		" https://example.org/",
		"https://example.org/\t",
		"https://example.org/\n",
		"https://example.org/\"onmouseover=\"x",
		"https://example.org/<script>",
		"https://example.org\\@evil.com/",
		"https://user@evil.com/",
	};
	expect_all(check_url, good, COUNT(good), 1, "check_url");
	expect_all(check_url, bad, COUNT(bad), 0, "check_url");
}

/* check-4.1: phone numbers. */
static void test_phone(void **state)
{
	(void)state;
	static const char *const good[] = {
		"0596 12 34 56",
		"+596 596 48 47 20",
		"05.96.12.34.56",
		"05-96-12-34-56",
		"(0596) 123456",
		"+1 (721) 542-0000",
		"1234",
		"+33/1/23/45/67/89",
	};
	static const char *const bad[] = {
		"",
		"123",
		"+",
		"abcd",
		"0596 12 34 5x",
		"0596+123456",
		"++33 1 23 45 67 89",
		"0596 12 34 56 poste 12",
		"06\t12 34 56 78",
		"123456789012345678901", /* 21 digits */
		"tel:0596123456",
	};
	expect_all(check_phone, good, COUNT(good), 1, "check_phone");
	expect_all(check_phone, bad, COUNT(bad), 0, "check_phone");
}

/* check-5.1: dates that exist, in YYYY-MM-DD. */
static void test_date(void **state)
{
	(void)state;
	static const char *const good[] = {
		"2024-02-29", /* leap year */
		"2000-02-29", /* divisible by 400 */
		"2025-03-14",
		"2025-01-31",
		"2025-12-31",
		"2025-04-30",
		"1999-01-01",
	};
	static const char *const bad[] = {
		"",
		"2023-02-29", /* not a leap year */
		"1900-02-29", /* divisible by 100, not 400 */
		"2025-13-01",
		"2025-00-10",
		"2025-01-00",
		"2025-01-32",
		"2025-04-31",
		"2025-06-31",
		"2025-3-14",
		"2025-03-4",
		"14/03/2025",
		"2025/03/14",
		"20250314",
		"2025-03-14T00:00",
		" 2025-03-14",
		"2025-03-1a",
		"+025-03-14",
		"0000-01-01",
	};
	expect_all(check_date, good, COUNT(good), 1, "check_date");
	expect_all(check_date, bad, COUNT(bad), 0, "check_date");
}

/* check-6.1: RNA numbers, W and nine letters or digits. */
static void test_rna(void **state)
{
	(void)state;
	static const char *const good[] = {
		"W972001234",
		"W9M2001234",
		"W000000000",
	};
	static const char *const bad[] = {
		"",
		"W",
		"w972001234",
		"972001234",
		"X972001234",
		"W97200123",
		"W9720012345",
		"W972 01234",
		"W972-01234",
		"W97200123\xc3\xa9",
	};
	expect_all(check_rna, good, COUNT(good), 1, "check_rna");
	expect_all(check_rna, bad, COUNT(bad), 0, "check_rna");
}

/* check-7.1: the cross-field checks, on an organisation and a position. */
static void test_cross_field(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct field_errors errors;
	field_errors_init(&errors, &a);

	struct record *org = record_new(&a, &model_organization);
	check_coordinates(org, "latitude", "longitude", &errors);
	assert_int_equal(errors.count, 0);
	record_set(org, model_field_index(&model_organization, "latitude"), "14.6");
	check_coordinates(org, "latitude", "longitude", &errors);
	assert_int_equal(errors.count, 1);
	assert_string_equal(errors.items[0].field, "longitude");
	record_set(org, model_field_index(&model_organization, "longitude"), "-61.0");
	errors.count = 0;
	check_coordinates(org, "latitude", "longitude", &errors);
	assert_int_equal(errors.count, 0);

	record_set(org, model_field_index(&model_organization, "siren"), "732829320");
	record_set(org, model_field_index(&model_organization, "siret"), "73282932000074");
	check_siret_matches_siren(org, &errors);
	assert_int_equal(errors.count, 0);
	record_set(org, model_field_index(&model_organization, "siret"), "55210055400013");
	check_siret_matches_siren(org, &errors);
	assert_int_equal(errors.count, 1);
	assert_string_equal(errors.items[0].field, "siret");

	struct record *pos = record_new(&a, &model_position);
	errors.count = 0;
	record_set(pos, model_field_index(&model_position, "start_date"), "2024-05-01");
	record_set(pos, model_field_index(&model_position, "end_date"), "2024-05-01");
	check_date_order(pos, "start_date", "end_date", &errors);
	assert_int_equal(errors.count, 0);
	record_set(pos, model_field_index(&model_position, "end_date"), "2024-04-30");
	check_date_order(pos, "start_date", "end_date", &errors);
	assert_int_equal(errors.count, 1);
	assert_string_equal(errors.items[0].field, "end_date");
	assert_string_equal(errors.items[0].detail, "2024-04-30");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_luhn_siren),
		cmocka_unit_test(test_luhn_siret),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_rna),
		cmocka_unit_test(test_cross_field),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
