/*
 * fuzz_text.c - libFuzzer target for src/base/text.c.
 *
 * Checks, for any input: text_utf8_valid agrees with ICU's U8_NEXT on
 * validity and on the offset of the first ill-formed sequence, and
 * text_has_control with a per-code-point reference; and, for the
 * NUL-terminated copy and for the input read as 3-byte code points, that
 * text_fold gives only lower-case ASCII letters, digits, non-ASCII
 * letters/numbers/spacing marks and single inner spaces, that folding is
 * idempotent, that text_fts_query builds exactly the quoted prefix terms
 * of the first 16 folded words (each cut to TEXT_FTS_PREFIX_CHARS code
 * points), that sort keys are lowercase hex, and that
 * text_length counts code points.
 *
 * Build and run:
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_text.c src/base/text.c src/base/arena.c \
 *     src/base/buf.c $(pkg-config --cflags --libs icu-uc icu-i18n) \
 *     -o /tmp/fuzz_text && /tmp/fuzz_text -max_total_time=60
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/arena.h"
#include "base/text.h"

#define FUZZ_FTS_MAX_WORDS 16

static void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_text: %s: \"%s\"\n", what, detail);
	abort();
}

/* Reference validity check with ICU's strict decoder. */
static int reference_valid(const uint8_t *s, size_t len, size_t *bad)
{
	int32_t i = 0, n = (int32_t)len;

	while (i < n) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0) {
			*bad = (size_t)start;
			return 0;
		}
	}
	return 1;
}

/* Reference control check for valid UTF-8, by code point. */
static int reference_has_control(const uint8_t *s, size_t len)
{
	int32_t i = 0, n = (int32_t)len;

	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c >= 0x7f && c <= 0x9f))
			return 1;
	}
	return 0;
}

static void check_fold_shape(const char *f)
{
	const uint8_t *p = (const uint8_t *)f;
	int32_t i = 0, n = (int32_t)strlen(f);

	if (n > 0 && (f[0] == ' ' || f[n - 1] == ' '))
		fuzz_fail("fold has an outer space", f);
	if (strstr(f, "  "))
		fuzz_fail("fold has a double space", f);
	while (i < n) {
		UChar32 c;
		U8_NEXT(p, i, n, c);
		if (c < 0)
			fuzz_fail("fold is not UTF-8", f);
		if (c < 0x80) {
			if (c != ' ' && !(c >= 'a' && c <= 'z') &&
			    !(c >= '0' && c <= '9'))
				fuzz_fail("fold has a bad ASCII character", f);
			continue;
		}
		if (!(U_GET_GC_MASK(c) &
		      (U_GC_L_MASK | U_GC_N_MASK | U_GC_MC_MASK)))
			fuzz_fail("fold has a non-letter", f);
	}
}

static void check_fts(const char *folded, const char *q)
{
	if (!*folded) {
		if (q)
			fuzz_fail("fts query for an empty fold", q);
		return;
	}
	if (!q)
		fuzz_fail("no fts query for a non-empty fold", folded);

	/* Rebuild the expected expression word by word: words of one or two
	 * bytes are left out, but the last, when a longer word is there. */
	int has_long = 0;
	for (const char *x = folded; *x;) {
		size_t n = strcspn(x, " ");
		has_long |= n >= 3;
		x += n;
		if (*x == ' ')
			x++;
	}
	const char *w = folded, *p = q;
	int words = 0;
	while (*w && words < FUZZ_FTS_MAX_WORDS) {
		size_t n = strcspn(w, " ");
		if (has_long && n < 3 && w[n] == ' ') {
			w += n + 1;
			continue;
		}
		if (words > 0 && *p++ != ' ')
			fuzz_fail("fts query separator", q);
		/* The word's first TEXT_FTS_PREFIX_CHARS code points. */
		size_t cut = 0;
		for (int chars = 0; cut < n; cut++)
			if (!U8_IS_TRAIL((uint8_t)w[cut]) && ++chars > TEXT_FTS_PREFIX_CHARS)
				break;
		if (*p++ != '"' || strncmp(p, w, cut) != 0)
			fuzz_fail("fts query word", q);
		p += cut;
		if (p[0] != '"' || p[1] != '*')
			fuzz_fail("fts query term end", q);
		p += 2;
		w += n;
		if (*w == ' ')
			w++;
		words++;
	}
	if (*p)
		fuzz_fail("fts query trailing text", q);
}

static void check_sort_key(const char *key)
{
	size_t n = strlen(key);

	if (n == 0 || n % 2 || strspn(key, "0123456789abcdef") != n)
		fuzz_fail("sort key is not lowercase hex", key);
}

/* All checks that apply to valid UTF-8 `s`. */
static void check_valid(struct arena *a, const char *s)
{
	size_t slen = strlen(s), cps = 0;

	for (int32_t i = 0; i < (int32_t)slen; cps++)
		U8_FWD_1(s, i, (int32_t)slen);
	if (text_length(s) != cps)
		fuzz_fail("text_length", s);

	const char *folded = text_fold(a, s);
	check_fold_shape(folded);
	const char *twice = text_fold(a, folded);
	if (strcmp(folded, twice) != 0) {
		fprintf(stderr, "once:  \"%s\"\ntwice: \"%s\"\n", folded, twice);
		fuzz_fail("fold is not idempotent", s);
	}
	check_fts(folded, text_fts_query(a, s));
	check_sort_key(text_sort_key(a, s));
}

/* Random bytes are seldom valid UTF-8 beyond ASCII: also read the input
 * as 3-byte code points (surrogates and NUL skipped) so that every script,
 * mark and compatibility character reaches the folding pipeline. */
static char *code_points(struct arena *a, const uint8_t *data, size_t size)
{
	char *out = arena_alloc(a, size / 3 * 4 + 1);
	int32_t o = 0;

	for (size_t i = 0; i + 3 <= size; i += 3) {
		UChar32 c = (UChar32)(((uint32_t)data[i] << 16 |
				       (uint32_t)data[i + 1] << 8 |
				       data[i + 2]) % 0x110000);
		if (c == 0 || U_IS_SURROGATE(c))
			continue;
		U8_APPEND_UNSAFE(out, o, c);
	}
	out[o] = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct arena a = ARENA_INIT;
	size_t bad = 0, ref_bad = 0;

	if (!ready) {
		if (text_init() != 0)
			abort();
		ready = 1;
	}
	if (size > 64 * 1024)
		return 0;

	int valid = text_utf8_valid((const char *)data, size, &bad);
	int ref_valid = reference_valid(data, size, &ref_bad);
	if (valid != ref_valid || (!valid && bad != ref_bad)) {
		fprintf(stderr, "valid %d/%d offset %zu/%zu\n", valid,
			ref_valid, bad, ref_bad);
		abort();
	}
	if (valid && text_has_control((const char *)data, size) !=
		     reference_has_control(data, size))
		abort();
	check_valid(&a, code_points(&a, data, size));

	char *s = arena_strndup(&a, (const char *)data, size);
	if (!valid && bad < strlen(s)) {
		/* The C string holds the bad byte: everything degrades to "". */
		if (*text_fold(&a, s))
			fuzz_fail("fold of invalid UTF-8 is not empty", s);
		if (text_fts_query(&a, s))
			fuzz_fail("fts query of invalid UTF-8", s);
		if (strcmp(text_sort_key(&a, s), text_sort_key(&a, "")) != 0)
			fuzz_fail("sort key of invalid UTF-8", s);
		goto out;
	}

	/* s is valid UTF-8 here (a bad byte, if any, was after a NUL). */
	check_valid(&a, s);
out:
	arena_release(&a);
	return 0;
}
