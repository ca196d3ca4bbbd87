/*
 * fuzz_po.c - libFuzzer target for the .po parser and the language
 * negotiation of src/web/i18n.c.
 *
 * For any input: i18n_load() either succeeds with an empty message or fails
 * with "line N: ..." (N within the input's line count); lookups after it
 * never return NULL, and return the msgid itself for what the input cannot
 * hold; every catalogue is unloaded between inputs.  The NUL-terminated
 * copy of the input, split at its first newline, is also given to
 * i18n_negotiate() and i18n_parse_code(), which must return a supported
 * language.
 *
 * Build and run:
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_po.c src/web/i18n.c src/base/arena.c \
 *     src/base/buf.c -o /tmp/fuzz_po && mkdir -p /tmp/corpus_po && \
 *   /tmp/fuzz_po -max_total_time=60 /tmp/corpus_po po
 * (the po/ directory seeds the fuzzer with real files to mutate).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/i18n.h"

static void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_po: %s: \"%s\"\n", what, detail);
	abort();
}

static void check_error(const char *err, const uint8_t *data, size_t size)
{
	unsigned long lines = 1, line = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' && i + 1 < size)
			lines++;
	if (sscanf(err, "line %lu: ", &line) != 1 || strstr(err, ": ") == NULL)
		fuzz_fail("error without a line number", err);
	if (line < 1 || line > lines)
		fuzz_fail("error line out of range", err);
}

static void check_lookups(const char *first_line)
{
	const char *const ids[] = {
		"Directory", "Search", "", "%d result", "a", first_line,
	};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		for (int lang = 0; lang < LANG_COUNT; lang++) {
			const char *t = i18n_gettext((enum i18n_lang)lang, ids[i]);
			if (!t)
				fuzz_fail("NULL translation", ids[i]);
			(void)strlen(t);
			t = i18n_pgettext((enum i18n_lang)lang, ids[i], ids[i]);
			if (!t)
				fuzz_fail("NULL pgettext", ids[i]);
			(void)strlen(t);
			for (unsigned long n = 0; n < 3; n++) {
				t = i18n_ngettext((enum i18n_lang)lang, ids[i], "many", n);
				if (!t)
					fuzz_fail("NULL ngettext", ids[i]);
				(void)strlen(t);
			}
		}
	}
	/* Invalid UTF-8 can never be in a catalogue. */
	const char *never = "\xffnever";
	if (i18n_gettext(LANG_FR, never) != never)
		fuzz_fail("translation for an impossible msgid", never);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	char *copy = malloc(size + 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';

	i18n_unload_all();
	memset(err, 'x', sizeof(err));
	int rc = i18n_load(LANG_FR, (const char *)data, size, err, sizeof(err));
	if (!memchr(err, '\0', sizeof(err)))
		fuzz_fail("error not terminated", "");
	if (rc == 0 && err[0] != '\0')
		fuzz_fail("message on success", err);
	if (rc == -1)
		check_error(err, data, size);
	else if (rc != 0)
		fuzz_fail("bad return code", "");
	/* The same bytes for Spanish, without an error buffer. */
	(void)i18n_load(LANG_ES, (const char *)data, size, NULL, 0);

	char *newline = strchr(copy, '\n');
	const char *rest = newline ? newline + 1 : "";
	if (newline)
		*newline = '\0';
	check_lookups(copy);

	enum i18n_lang lang = i18n_negotiate(copy, rest);
	if ((unsigned)lang >= LANG_COUNT)
		fuzz_fail("negotiated language out of range", copy);
	lang = i18n_negotiate(NULL, copy);
	if ((unsigned)lang >= LANG_COUNT)
		fuzz_fail("negotiated language out of range", copy);
	if (i18n_parse_code(copy, &lang) == 0 && (unsigned)lang >= LANG_COUNT)
		fuzz_fail("parsed language out of range", copy);
	if (strcmp(i18n_code(lang), "fr") && strcmp(i18n_code(lang), "en") &&
	    strcmp(i18n_code(lang), "es"))
		fuzz_fail("unknown code", i18n_code(lang));

	i18n_unload_all();
	free(copy);
	return 0;
}
