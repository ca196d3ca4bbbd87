/*
 * test_encoding.c - unit tests of CSV text encodings (src/io/encoding.c):
 * detection, names, conversion to UTF-8 and the errors' byte offsets.
 *
 * Build and run:
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror \
 *     -Isrc -fsanitize=address,undefined tests/unit/test_encoding.c \
 *     src/io/encoding.c src/base/text.c src/base/arena.c src/base/buf.c \
 *     $(pkg-config --cflags --libs icu-uc icu-i18n) -lcmocka \
 *     -o /tmp/test_encoding && /tmp/test_encoding
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "io/encoding.h"

/* "Société" as each encoding writes it. */
#define SOCIETE_UTF8 "Soci\xC3\xA9t\xC3\xA9"
#define SOCIETE_LATIN "Soci\xE9t\xE9"

/* Convert data[0..len) and check the result is `want` (NUL-terminated,
 * valid UTF-8). */
static void check_convert(const char *data, size_t len,
			  enum text_encoding from, const char *want)
{
	char err[128] = "untouched";
	char *out = NULL;
	size_t out_len = 99;
	int rc = encoding_to_utf8(data, len, from, &out, &out_len, err,
				  sizeof(err));
	if (rc != 0)
		fail_msg("conversion failed: %s", err);
	assert_non_null(out);
	assert_int_equal(out_len, strlen(want));
	assert_memory_equal(out, want, out_len + 1);
	assert_true(text_utf8_valid(out, out_len, NULL));
	free(out);
}

/* Convert and check it fails with exactly the message `want`. */
static void check_error(const char *data, size_t len, enum text_encoding from,
			const char *want)
{
	char err[128] = "";
	char *out = (char *)"sentinel";
	size_t out_len = 99;
	assert_int_equal(encoding_to_utf8(data, len, from, &out, &out_len, err,
					  sizeof(err)), -1);
	assert_null(out);
	assert_int_equal(out_len, 0);
	assert_string_equal(err, want);
}

static void test_societe_in_each_encoding(void **state)
{
	(void)state;
	check_convert(SOCIETE_UTF8, strlen(SOCIETE_UTF8), ENC_UTF8,
		      SOCIETE_UTF8);
	check_convert("\xEF\xBB\xBF" SOCIETE_UTF8, 3 + strlen(SOCIETE_UTF8),
		      ENC_UTF8_BOM, SOCIETE_UTF8);
	check_convert(SOCIETE_LATIN, strlen(SOCIETE_LATIN), ENC_WINDOWS_1252,
		      SOCIETE_UTF8);
	check_convert(SOCIETE_LATIN, strlen(SOCIETE_LATIN), ENC_ISO_8859_1,
		      SOCIETE_UTF8);
}

static void test_windows_1252_specials(void **state)
{
	(void)state;
	/* œ, Œ, €, curly quotes, the ellipsis, Ÿ. */
	check_convert("\x9C", 1, ENC_WINDOWS_1252, "\xC5\x93");
	check_convert("\x8C" "uvre", 5, ENC_WINDOWS_1252, "\xC5\x92uvre");
	check_convert("12 \x80", 4, ENC_WINDOWS_1252, "12 \xE2\x82\xAC");
	check_convert("\x93oui\x94\x85", 6, ENC_WINDOWS_1252,
		      "\xE2\x80\x9Coui\xE2\x80\x9D\xE2\x80\xA6");
	check_convert("\x9F", 1, ENC_WINDOWS_1252, "\xC5\xB8");
	/* Latin-1 keeps 0x80-0x9F as C1 controls. */
	check_convert("\x80\x9C", 2, ENC_ISO_8859_1, "\xC2\x80\xC2\x9C");
	/* Both agree on 0xA0-0xFF: no-break space, «, ÿ. */
	check_convert("\xA0\xAB\xFF", 3, ENC_WINDOWS_1252,
		      "\xC2\xA0\xC2\xAB\xC3\xBF");
	check_convert("\xA0\xAB\xFF", 3, ENC_ISO_8859_1,
		      "\xC2\xA0\xC2\xAB\xC3\xBF");
}

static void test_windows_1252_undefined_bytes(void **state)
{
	(void)state;
	static const unsigned char undefined[] = { 0x81, 0x8D, 0x8F, 0x90,
						   0x9D };
	for (size_t i = 0; i < sizeof(undefined); i++) {
		char data[] = "ab;c\r\nd?";
		char want[96];
		data[7] = (char)undefined[i];
		snprintf(want, sizeof(want), "byte 0x%02X at byte 7 (line 2) "
			 "is not a Windows-1252 character", undefined[i]);
		check_error(data, 8, ENC_WINDOWS_1252, want);
		/* Latin-1 takes them all. */
		char *out;
		size_t out_len;
		assert_int_equal(encoding_to_utf8(data, 8, ENC_ISO_8859_1,
						  &out, &out_len, NULL, 0), 0);
		assert_int_equal(out_len, 9);
		free(out);
	}
}

static void test_invalid_utf8_offsets(void **state)
{
	(void)state;
	/* A Latin-1 é in UTF-8 text, on line 3. */
	check_error("a\nb\nSoci\xE9t\xE9", 11, ENC_UTF8,
		    "invalid UTF-8 at byte 8 (line 3)");
	/* With a byte-order mark the offset still counts from the start. */
	check_error("\xEF\xBB\xBFx\xC3", 5, ENC_UTF8_BOM,
		    "invalid UTF-8 at byte 4 (line 1)");
	/* Overlong, surrogate, too high, lone continuation. */
	check_error("\xC0\xAF", 2, ENC_UTF8,
		    "invalid UTF-8 at byte 0 (line 1)");
	check_error("ok\xED\xA0\x80", 5, ENC_UTF8,
		    "invalid UTF-8 at byte 2 (line 1)");
	check_error("\xF4\x90\x80\x80", 4, ENC_UTF8,
		    "invalid UTF-8 at byte 0 (line 1)");
	/* CR, CRLF and LF each end one line. */
	check_error("a\rb\r\nc\nd\x80", 9, ENC_UTF8,
		    "invalid UTF-8 at byte 8 (line 4)");
}

static void test_nul_byte(void **state)
{
	(void)state;
	for (int e = ENC_UTF8; e <= ENC_ISO_8859_1; e++)
		check_error("a;b\nc\0d", 7, (enum text_encoding)e,
			    "NUL byte at byte 5 (line 2): a binary file is "
			    "not a CSV file");
	/* UTF-16 is a string of NULs to this module. */
	check_error("\xFF\xFE" "a\0", 4, ENC_WINDOWS_1252,
		    "NUL byte at byte 3 (line 1): a binary file is not a CSV "
		    "file");
}

static void test_bom_dropped(void **state)
{
	(void)state;
	check_convert("\xEF\xBB\xBF" "a;b", 6, ENC_UTF8, "a;b");
	check_convert("\xEF\xBB\xBF" "a;b", 6, ENC_UTF8_BOM, "a;b");
	/* Only at the start. */
	check_convert("a\xEF\xBB\xBF", 4, ENC_UTF8, "a\xEF\xBB\xBF");
	check_convert("\xEF\xBB\xBF", 3, ENC_UTF8_BOM, "");
	/* Read as Windows-1252, the same bytes are three letters. */
	check_convert("\xEF\xBB\xBF", 3, ENC_WINDOWS_1252,
		      "\xC3\xAF\xC2\xBB\xC2\xBF");
}

static void test_empty_input(void **state)
{
	(void)state;
	for (int e = ENC_UTF8; e <= ENC_ISO_8859_1; e++) {
		check_convert("", 0, (enum text_encoding)e, "");
		check_convert(NULL, 0, (enum text_encoding)e, "");
	}
	assert_int_equal(encoding_detect("", 0), ENC_UTF8);
	assert_int_equal(encoding_detect(NULL, 0), ENC_UTF8);
}

static void test_detect(void **state)
{
	(void)state;
	/* Pure ASCII is UTF-8. */
	assert_int_equal(encoding_detect("nom;ville\r\n", 11), ENC_UTF8);
	assert_int_equal(encoding_detect(SOCIETE_UTF8, strlen(SOCIETE_UTF8)),
			 ENC_UTF8);
	assert_int_equal(encoding_detect("\xEF\xBB\xBF" "a", 4),
			 ENC_UTF8_BOM);
	/* A byte-order mark decides, even over invalid UTF-8 after it. */
	assert_int_equal(encoding_detect("\xEF\xBB\xBF\xE9", 4),
			 ENC_UTF8_BOM);
	/* French Excel: é as E9, with or without œ (9C) or € (80). */
	assert_int_equal(encoding_detect(SOCIETE_LATIN, strlen(SOCIETE_LATIN)),
			 ENC_ISO_8859_1);
	assert_int_equal(encoding_detect("\x9C" "uvre;" SOCIETE_LATIN, 13),
			 ENC_WINDOWS_1252);
	assert_int_equal(encoding_detect("10 \x80", 4), ENC_WINDOWS_1252);
	/* One invalid sequence late in otherwise valid UTF-8. */
	assert_int_equal(encoding_detect(SOCIETE_UTF8 "\xE9", 10),
			 ENC_ISO_8859_1);
	/* A UTF-8 sequence cut at the end is not UTF-8. */
	assert_int_equal(encoding_detect("caf\xC3", 4), ENC_ISO_8859_1);
}

static void test_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum text_encoding e;
	} cases[] = {
		{ "UTF-8", ENC_UTF8 },
		{ "utf-8", ENC_UTF8 },
		{ "utf8", ENC_UTF8 },
		{ "UTF8", ENC_UTF8 },
		{ "UTF-8 (BOM)", ENC_UTF8_BOM },
		{ "utf-8 (bom)", ENC_UTF8_BOM },
		{ "utf-8-bom", ENC_UTF8_BOM },
		{ "Windows-1252", ENC_WINDOWS_1252 },
		{ "WINDOWS-1252", ENC_WINDOWS_1252 },
		{ "cp1252", ENC_WINDOWS_1252 },
		{ "CP1252", ENC_WINDOWS_1252 },
		{ "ISO-8859-1", ENC_ISO_8859_1 },
		{ "iso-8859-1", ENC_ISO_8859_1 },
		{ "latin1", ENC_ISO_8859_1 },
		{ "Latin-1", ENC_ISO_8859_1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum text_encoding e = ENC_UTF8_BOM;
		if (encoding_parse(cases[i].name, &e) != 0)
			fail_msg("unknown name %s", cases[i].name);
		assert_int_equal(e, cases[i].e);
	}
	/* Every name given comes back. */
	for (int e = ENC_UTF8; e <= ENC_ISO_8859_1; e++) {
		enum text_encoding back = (enum text_encoding)-1;
		assert_int_equal(encoding_parse(
			encoding_name((enum text_encoding)e), &back), 0);
		assert_int_equal(back, e);
	}
	assert_string_equal(encoding_name(ENC_UTF8), "UTF-8");
	assert_string_equal(encoding_name(ENC_UTF8_BOM), "UTF-8 (BOM)");
	assert_string_equal(encoding_name(ENC_WINDOWS_1252), "Windows-1252");
	assert_string_equal(encoding_name(ENC_ISO_8859_1), "ISO-8859-1");
	assert_string_equal(encoding_name((enum text_encoding)42), "?");

	enum text_encoding e = ENC_ISO_8859_1;
	assert_int_equal(encoding_parse("utf-16", &e), -1);
	assert_int_equal(encoding_parse("", &e), -1);
	assert_int_equal(encoding_parse("latin", &e), -1);
	assert_int_equal(encoding_parse(NULL, &e), -1);
	assert_int_equal(e, ENC_ISO_8859_1);
}

/* Every byte 0x01-0xFF converts in each single-byte encoding (but the five
 * holes of Windows-1252), to one code point, and the result detects as
 * UTF-8. */
static void test_every_byte(void **state)
{
	(void)state;
	char all[255];
	for (int i = 0; i < 255; i++)
		all[i] = (char)(i + 1);
	char *out;
	size_t out_len;
	assert_int_equal(encoding_to_utf8(all, sizeof(all), ENC_ISO_8859_1,
					  &out, &out_len, NULL, 0), 0);
	assert_int_equal(out_len, 127 + 2 * 128);
	assert_int_equal(text_length(out), 255);
	assert_int_equal(encoding_detect(out, out_len), ENC_UTF8);
	free(out);

	char defined[255];
	size_t n = 0;
	for (int i = 1; i < 256; i++)
		if (i != 0x81 && i != 0x8D && i != 0x8F && i != 0x90 &&
		    i != 0x9D)
			defined[n++] = (char)i;
	assert_int_equal(encoding_to_utf8(defined, n, ENC_WINDOWS_1252, &out,
					  &out_len, NULL, 0), 0);
	assert_int_equal(text_length(out), n);
	assert_true(text_utf8_valid(out, out_len, NULL));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_societe_in_each_encoding),
		cmocka_unit_test(test_windows_1252_specials),
		cmocka_unit_test(test_windows_1252_undefined_bytes),
		cmocka_unit_test(test_invalid_utf8_offsets),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_bom_dropped),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_every_byte),
	};
	return cmocka_run_group_tests_name("encoding", tests, NULL, NULL);
}
