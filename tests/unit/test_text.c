/*
 * test_text.c - unit tests for src/base/text.c: UTF-8 validation, control
 * detection, folding for search, French sort keys, FTS5 query building.
 *
 * Build and run:
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror \
 *     -Isrc -fsanitize=address,undefined tests/unit/test_text.c \
 *     src/base/text.c src/base/arena.c src/base/buf.c \
 *     $(pkg-config --cflags --libs icu-uc icu-i18n) -lcmocka \
 *     -o /tmp/test_text && /tmp/test_text
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"

static int setup(void **state)
{
	static struct arena arena;
	*state = &arena;
	return 0;
}

static int teardown(void **state)
{
	arena_release(*state);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	return text_init();
}

static int group_teardown(void **state)
{
	(void)state;
	text_shutdown();
	return 0;
}

/* ---- text_utf8_valid ---- */

struct utf8_case {
	const char *name;
	const char *bytes;
	size_t len;
	int valid;
	size_t bad_offset;
};

#define UTF8_CASE(name, lit, valid, off) \
	{ name, lit, sizeof(lit) - 1, valid, off }

static const struct utf8_case utf8_cases[] = {
	UTF8_CASE("utf8-1.1 empty", "", 1, 0),
	UTF8_CASE("utf8-1.2 ascii", "Hello, world", 1, 0),
	UTF8_CASE("utf8-1.3 two bytes", "Soci\xc3\xa9t\xc3\xa9", 1, 0),
	UTF8_CASE("utf8-1.4 three bytes", "\xe2\x82\xac \xe6\x9d\xb1", 1, 0),
	UTF8_CASE("utf8-1.5 four bytes", "\xf0\x9f\x98\x80", 1, 0),
	UTF8_CASE("utf8-1.6 U+10FFFF", "\xf4\x8f\xbf\xbf", 1, 0),
	UTF8_CASE("utf8-1.7 U+D7FF", "\xed\x9f\xbf", 1, 0),
	UTF8_CASE("utf8-1.8 U+E000", "\xee\x80\x80", 1, 0),
	UTF8_CASE("utf8-1.9 NUL inside", "a\0b", 1, 0),
	UTF8_CASE("utf8-1.10 U+0080", "\xc2\x80", 1, 0),
	UTF8_CASE("utf8-1.11 U+0800", "\xe0\xa0\x80", 1, 0),
	UTF8_CASE("utf8-1.12 U+10000", "\xf0\x90\x80\x80", 1, 0),

	UTF8_CASE("utf8-2.1 overlong C0 80", "\xc0\x80", 0, 0),
	UTF8_CASE("utf8-2.2 overlong C1 BF", "ab\xc1\xbf", 0, 2),
	UTF8_CASE("utf8-2.3 overlong E0 80 80", "\xe0\x80\x80", 0, 0),
	UTF8_CASE("utf8-2.4 overlong E0 9F BF", "\xe0\x9f\xbf", 0, 0),
	UTF8_CASE("utf8-2.5 overlong F0 80 80 80", "\xf0\x80\x80\x80", 0, 0),
	UTF8_CASE("utf8-2.6 overlong F0 8F BF BF", "\xf0\x8f\xbf\xbf", 0, 0),
	UTF8_CASE("utf8-2.7 surrogate D800", "x\xed\xa0\x80", 0, 1),
	UTF8_CASE("utf8-2.8 surrogate DFFF", "\xed\xbf\xbf", 0, 0),
	UTF8_CASE("utf8-2.9 surrogate pair", "\xed\xa0\xbd\xed\xb8\x80", 0, 0),
	UTF8_CASE("utf8-2.10 U+110000", "\xf4\x90\x80\x80", 0, 0),
	UTF8_CASE("utf8-2.11 F5", "\xf5\x80\x80\x80", 0, 0),
	UTF8_CASE("utf8-2.12 FF", "abc\xff", 0, 3),
	UTF8_CASE("utf8-2.13 FE", "\xfe", 0, 0),

	UTF8_CASE("utf8-3.1 truncated 2", "a\xc3", 0, 1),
	UTF8_CASE("utf8-3.2 truncated 3", "\xe2\x82", 0, 0),
	UTF8_CASE("utf8-3.3 truncated 4", "ok\xf0\x9f\x98", 0, 2),
	UTF8_CASE("utf8-3.4 bad continuation", "\xe2\x28\xa1", 0, 0),
	UTF8_CASE("utf8-3.5 lone continuation", "\x80", 0, 0),
	UTF8_CASE("utf8-3.6 after valid prefix", "\xc3\xa9\xff", 0, 2),
	UTF8_CASE("utf8-3.7 lead then ascii", "\xc3" "a", 0, 0),
	UTF8_CASE("utf8-3.8 third byte bad", "\xf0\x9f\x41\x80", 0, 0),
};

static void test_utf8_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(utf8_cases) / sizeof(utf8_cases[0]); i++) {
		const struct utf8_case *c = &utf8_cases[i];
		size_t off = 12345;
		int valid = text_utf8_valid(c->bytes, c->len, &off);
		if (valid != c->valid)
			fail_msg("%s: valid %d, expected %d", c->name, valid,
				 c->valid);
		if (!c->valid && off != c->bad_offset)
			fail_msg("%s: bad offset %zu, expected %zu", c->name,
				 off, c->bad_offset);
		if (c->valid && off != 12345)
			fail_msg("%s: offset written on success", c->name);
		/* NULL bad_offset must be accepted. */
		assert_int_equal(text_utf8_valid(c->bytes, c->len, NULL),
				 c->valid);
	}
	/* Length bounds the scan: a truncated sequence past len is unseen. */
	assert_true(text_utf8_valid("ab\xc3", 2, NULL));
	assert_true(text_utf8_valid(NULL, 0, NULL));
}

/* ---- text_has_control, text_length ---- */

static void test_has_control(void **state)
{
	(void)state;
	assert_false(text_has_control("plain text", 10));
	assert_false(text_has_control("tab\tlf\ncr\r", 10));
	assert_false(text_has_control("Soci\xc3\xa9t\xc3\xa9", 9));
	assert_false(text_has_control("nbsp\xc2\xa0", 6));
	assert_false(text_has_control("", 0));
	assert_false(text_has_control(NULL, 0));
	assert_true(text_has_control("a\x01" "b", 3));
	assert_true(text_has_control("a\x1b[0m", 5));
	assert_true(text_has_control("a\0b", 3));
	assert_true(text_has_control("del\x7f", 4));
	assert_true(text_has_control("nel\xc2\x85", 5));
	assert_true(text_has_control("\xc2\x80", 2));
	assert_true(text_has_control("\xc2\x9f", 2));
	/* Only len bytes count. */
	assert_false(text_has_control("ab\x01", 2));
	assert_false(text_has_control("ab\xc2\x85", 3));
}

static void test_length(void **state)
{
	(void)state;
	assert_int_equal(text_length(NULL), 0);
	assert_int_equal(text_length(""), 0);
	assert_int_equal(text_length("abc"), 3);
	assert_int_equal(text_length("\xc3\xa9"), 1);
	assert_int_equal(text_length("\xc5\x92uvre"), 5);
	assert_int_equal(text_length("\xe6\x9d\xb1\xe4\xba\xac"), 2);
	assert_int_equal(text_length("\xf0\x9f\x98\x80!"), 2);
	/* Decomposed "é" is two code points. */
	assert_int_equal(text_length("e\xcc\x81"), 2);
}

/* ---- text_fold ---- */

struct fold_case {
	const char *name;
	const char *in;
	const char *out;
};

static const struct fold_case fold_cases[] = {
	{ "fold-1.1", "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale",
	  "societe generale" },
	{ "fold-1.2", "\xc5\x92uvre", "oeuvre" },
	{ "fold-1.3",
	  "Organisation des \xc3\x89tats de la Cara\xc3\xaf" "be orientale",
	  "organisation des etats de la caraibe orientale" },
	{ "fold-1.4", "L'\xc5\x92il-de-B\xc5\x93uf", "l oeil de boeuf" },
	{ "fold-1.5", "S\xc3\xa3o Tom\xc3\xa9", "sao tome" },
	{ "fold-1.6", "  CEPALC / ECLAC ", "cepalc eclac" },
	{ "fold-1.7", "Lot 12B", "lot 12b" },
	{ "fold-1.8", "\xc3\x86sop \xc3\xa6ther", "aesop aether" },
	{ "fold-1.9", "Stra\xc3\x9f" "e", "strasse" },
	{ "fold-1.10", "\xe1\xba\x9e", "ss" }, /* capital sharp s */
	{ "fold-1.11", "L\xe2\x80\x99\xc5\x92il", "l oeil" }, /* U+2019 */
	{ "fold-1.12", "\xef\xac\x81nance", "finance" }, /* U+FB01 */
	{ "fold-1.13", "Hello, World! 42", "hello world 42" },

	/* Empty and punctuation only. */
	{ "fold-2.1", "", "" },
	{ "fold-2.2", "   ", "" },
	{ "fold-2.3", "!?.,;:/-'\"()[]{}*^", "" },
	{ "fold-2.4", "\xe2\x80\xa6 \xe2\x80\x94 \xc2\xab\xc2\xbb \xe2\x82\xac",
	  "" }, /* … — «» € */
	{ "fold-2.5", "\xcc\x81\xcc\x88", "" }, /* lone combining marks */

	/* Invalid UTF-8. */
	{ "fold-3.1", "abc\xff", "" },
	{ "fold-3.2", "\xc3", "" },
	{ "fold-3.3", "Soci\xc3\xa9t\xed\xa0\x80", "" },
	{ "fold-3.4", "\xc0\xaf", "" },

	/* Non-Latin scripts: case folding only. */
	{ "fold-4.1", "\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91",
	  "\xcf\x83\xce\xbf\xcf\x86\xce\xb9\xce\xb1" }, /* ΣΟΦΙΑ -> σοφια */
	{ "fold-4.2", "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90",
	  "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0" }, /* МОСКВА */
	{ "fold-4.3", "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd",
	  "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd" }, /* 東京都 */
	{ "fold-4.4", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",
	  "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4" }, /* 한국어 recomposed */
	{ "fold-4.5", "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9",
	  "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9" },

	/* Normalisation details. */
	{ "fold-5.1", "Cafe\xcc\x81", "cafe" },              /* decomposed */
	{ "fold-5.2", "r\xc3\xa9\xc2\xads\xc3\xbam\xc3\xa9", "resume" }, /* SHY */
	{ "fold-5.3", "a\xc2\xa0\tb\n\nc", "a b c" },         /* NBSP, tab */
	{ "fold-5.4", "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91", "ab1" }, /* ＡＢ１ */
	{ "fold-5.5", "m\xc2\xb2", "m2" },                    /* m² */
	{ "fold-5.6", "\xe2\x84\x8c", "h" },                  /* ℌ */
	{ "fold-5.7", "\xc4\xb0stanbul", "istanbul" },        /* İ */
	{ "fold-5.8", "\xc5\x81\xc3\xb3" "d\xc5\xba K\xc3\xb8" "benhavn",
	  "lodz kobenhavn" },
	{ "fold-5.9", "x\xe2\x80\x8by", "xy" },               /* ZWSP ignored */
	{ "fold-5.10", "\xf0\x9f\x98\x80smile\xf0\x9f\x98\x80", "smile" },
	{ "fold-5.11", "a\x01" "b", "a b" },                  /* controls */
};

static void test_fold_examples(void **state)
{
	struct arena *a = *state;

	for (size_t i = 0; i < sizeof(fold_cases) / sizeof(fold_cases[0]); i++) {
		const struct fold_case *c = &fold_cases[i];
		const char *got = text_fold(a, c->in);
		if (strcmp(got, c->out) != 0)
			fail_msg("%s: fold(\"%s\") = \"%s\", expected \"%s\"",
				 c->name, c->in, got, c->out);
		const char *again = text_fold(a, got);
		if (strcmp(again, got) != 0)
			fail_msg("%s: not idempotent: \"%s\" then \"%s\"",
				 c->name, got, again);
	}
}

static void test_fold_null(void **state)
{
	struct arena *a = *state;
	const char *got = text_fold(a, NULL);

	assert_non_null(got);
	assert_string_equal(got, "");
}

/* 100 KB of text through both the ASCII and the ICU paths, which must
 * move beyond the stack buffers into the arena. */
static void test_fold_long(void **state)
{
	struct arena *a = *state;
	struct buf in = BUF_INIT, want = BUF_INIT;

	while (in.len < 100 * 1024) {
		buf_puts(&in, "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale, ");
		if (want.len)
			buf_putc(&want, ' ');
		buf_puts(&want, "societe generale");
	}
	assert_string_equal(text_fold(a, buf_str(&in)), buf_str(&want));

	buf_reset(&in);
	buf_reset(&want);
	while (in.len < 100 * 1024) {
		buf_puts(&in, "Lot-12B; ");
		if (want.len)
			buf_putc(&want, ' ');
		buf_puts(&want, "lot 12b");
	}
	assert_string_equal(text_fold(a, buf_str(&in)), buf_str(&want));

	/* CJK: three UTF-8 bytes per UTF-16 unit. */
	buf_reset(&in);
	while (in.len < 100 * 1024)
		buf_puts(&in, "\xe6\x9d\xb1\xe4\xba\xac");
	assert_string_equal(text_fold(a, buf_str(&in)), buf_str(&in));

	/* Ligatures double in UTF-16: "œ" x 50,000. */
	buf_reset(&in);
	buf_reset(&want);
	while (in.len < 100 * 1024) {
		buf_puts(&in, "\xc5\x93");
		buf_puts(&want, "oe");
	}
	assert_string_equal(text_fold(a, buf_str(&in)), buf_str(&want));

	buf_release(&in);
	buf_release(&want);
}

/* ---- text_sort_key ---- */

static int key_cmp(struct arena *a, const char *x, const char *y)
{
	return strcmp(text_sort_key(a, x), text_sort_key(a, y));
}

static void assert_sorted(struct arena *a, const char *const *words, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (key_cmp(a, words[i], words[i + 1]) >= 0)
			fail_msg("sort: \"%s\" should sort before \"%s\"",
				 words[i], words[i + 1]);
}

static void test_sort_key_order(void **state)
{
	struct arena *a = *state;

	/* Plain "fr" compares accents from the start of the word (only
	 * "fr-CA" keeps the old backwards rule, which would give
	 * cote < côte < coté < côté). */
	static const char *const cote[] = {
		"cote", "cot\xc3\xa9", "c\xc3\xb4te", "c\xc3\xb4t\xc3\xa9",
	};
	assert_sorted(a, cote, 4);

	static const char *const ecole[] = {
		"ecole", "Ecole", "\xc3\x89" "cole", "Ecoles",
	};
	assert_sorted(a, ecole, 4);

	static const char *const cities[] = {
		"Abbaye", "\xc3\x89" "dimbourg", "\xc5\x92uvre", "Zurich",
	};
	assert_sorted(a, cities, 4);

	/* Case only breaks ties: lower case first at tertiary strength. */
	static const char *const abbaye[] = { "abbaye", "Abbaye", "abbayes" };
	assert_sorted(a, abbaye, 3);

	/* Numbers before letters, empty first. */
	static const char *const misc[] = { "", "12", "a" };
	assert_sorted(a, misc, 3);
}

static void test_sort_key_format(void **state)
{
	struct arena *a = *state;
	const char *key =
		text_sort_key(a, "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale");

	assert_true(strlen(key) > 0);
	assert_int_equal(strlen(key) % 2, 0);
	assert_int_equal(strspn(key, "0123456789abcdef"), strlen(key));

	/* Canonically equivalent spellings share a key. */
	assert_string_equal(text_sort_key(a, "E\xcc\x81" "cole"),
			    text_sort_key(a, "\xc3\x89" "cole"));

	/* NULL and invalid input sort as "". */
	assert_string_equal(text_sort_key(a, NULL), text_sort_key(a, ""));
	assert_string_equal(text_sort_key(a, "abc\xff"), text_sort_key(a, ""));
}

static void test_sort_key_long(void **state)
{
	struct arena *a = *state;
	struct buf in = BUF_INIT;

	while (in.len < 100 * 1024)
		buf_puts(&in, "C\xc3\xb4t\xc3\xa9 ");
	const char *key = text_sort_key(a, buf_str(&in));
	assert_true(strlen(key) > 2 * in.len / 2);
	assert_int_equal(strspn(key, "0123456789abcdef"), strlen(key));
	/* A longer string with the same prefix sorts after. */
	buf_puts(&in, "x");
	assert_true(strcmp(key, text_sort_key(a, buf_str(&in))) < 0);
	buf_release(&in);
}

/* ---- text_fts_query ---- */

static void test_fts_query(void **state)
{
	struct arena *a = *state;

	/* Short words but the last are left out when a longer one is there. */
	assert_string_equal(text_fts_query(a, "foo\" OR bar NEAR(x"),
			    "\"foo\"* \"bar\"* \"near\"* \"x\"*");
	assert_string_equal(text_fts_query(a, "Soci\xc3\xa9t\xc3\xa9"),
			    "\"societe\"*");
	assert_string_equal(text_fts_query(a, "L'\xc5\x92il-de-B\xc5\x93uf"),
			    "\"oeil\"* \"boeuf\"*");
	assert_string_equal(text_fts_query(a, "agence de l"), "\"agence\"* \"l\"*");
	assert_string_equal(text_fts_query(a, "\"a\" \"\"b\"\""),
			    "\"a\"* \"b\"*");
	assert_string_equal(text_fts_query(a, "title:foo -bar ^baz qux*"),
			    "\"title\"* \"foo\"* \"bar\"* \"baz\"* \"qux\"*");
	assert_string_equal(text_fts_query(a, "\xe6\x9d\xb1\xe4\xba\xac"),
			    "\"\xe6\x9d\xb1\xe4\xba\xac\"*");
	/* Words are cut to the index's longest prefix, in characters. */
	assert_string_equal(text_fts_query(a, "D\xc3\xa9veloppement solidaire"), "\"developp\"* \"solidair\"*");
	assert_string_equal(text_fts_query(a, "\xce\x91\xce\xb8\xce\xb7\xce\xbd\xce\xb1\xce\xb9\xce\xbf\xce\xb9"),
			    "\"\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1\xce\xb9\xce\xbf\xce\xb9\"*");
	assert_string_equal(text_fts_query(a, "\xce\x91\xce\xb8\xce\xb7\xce\xbd\xce\xb1\xce\xb9\xce\xbf\xce\xb9\xcf\x83"),
			    "\"\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1\xce\xb9\xce\xbf\xce\xb9\"*");
	assert_null(text_fts_query(a, NULL));
	assert_null(text_fts_query(a, ""));
	assert_null(text_fts_query(a, "  \"\" () * - : ^ "));
	assert_null(text_fts_query(a, "abc\xff"));
}

static void test_fts_query_max_words(void **state)
{
	struct arena *a = *state;
	struct buf in = BUF_INIT, want = BUF_INIT;

	for (int i = 1; i <= 20; i++) {
		buf_printf(&in, "word%d ", i);
		if (i <= 16)
			buf_printf(&want, "%s\"word%d\"*", i > 1 ? " " : "", i);
	}
	assert_string_equal(text_fts_query(a, buf_str(&in)), buf_str(&want));
	buf_release(&in);
	buf_release(&want);
}

/* ---- threads ---- */

#define THREADS 4
#define THREAD_ROUNDS 200

struct thread_job {
	const char *in;
	const char *fold;
	const char *key;
	int failures;
};

static void *thread_main(void *arg)
{
	struct thread_job *job = arg;

	for (int i = 0; i < THREAD_ROUNDS; i++) {
		struct arena a = ARENA_INIT;
		if (strcmp(text_fold(&a, job->in), job->fold) != 0 ||
		    strcmp(text_sort_key(&a, job->in), job->key) != 0)
			job->failures++;
		arena_release(&a);
	}
	return NULL;
}

/* Each thread clones its own collator; the clones are closed by the
 * key destructor at thread exit (LeakSanitizer checks). */
static void test_threads(void **state)
{
	struct arena *a = *state;
	pthread_t tid[THREADS];
	struct thread_job jobs[THREADS];
	static const char *const inputs[THREADS] = {
		"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale",
		"L'\xc5\x92il-de-B\xc5\x93uf",
		"\xc3\x89" "cole",
		"\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91",
	};

	for (int i = 0; i < THREADS; i++) {
		jobs[i].in = inputs[i];
		jobs[i].fold = text_fold(a, inputs[i]);
		jobs[i].key = text_sort_key(a, inputs[i]);
		jobs[i].failures = 0;
		assert_int_equal(pthread_create(&tid[i], NULL, thread_main,
						&jobs[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(tid[i], NULL), 0);
		assert_int_equal(jobs[i].failures, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_has_control),
		cmocka_unit_test(test_length),
		cmocka_unit_test_setup_teardown(test_fold_examples, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fold_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fold_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_key_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_key_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_key_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fts_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fts_query_max_words, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
	};
	return cmocka_run_group_tests_name("text", tests, group_setup,
					   group_teardown);
}
