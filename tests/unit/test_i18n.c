/*
 * test_i18n.c - unit tests of src/web/i18n.c: the real po/fr.po and
 * po/es.po (found under $PASSERELLE_SRCDIR, else "."), lookups and
 * fallbacks, plural rules, msgctxt, continued strings, escapes, errors with
 * their line numbers, and language negotiation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/i18n.h"

/* The bytes of the file `name` under the source directory (caller frees). */
static char *read_source_file(const char *name, size_t *len)
{
	const char *dir = getenv("PASSERELLE_SRCDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	char *data = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (cap - *len < 4096) {
			cap = cap ? cap * 2 : 8192;
			data = realloc(data, cap);
			assert_non_null(data);
		}
		size_t n = fread(data + *len, 1, cap - *len, f);
		if (n == 0)
			break;
		*len += n;
	}
	fclose(f);
	return data;
}

static void load_source_file(enum i18n_lang lang, const char *name)
{
	char err[256];
	size_t len;
	char *po = read_source_file(name, &len);
	if (i18n_load(lang, po, len, err, sizeof(err)) != 0)
		fail_msg("%s: %s", name, err);
	free(po);
}

/* Load the NUL-terminated `po` for `lang`; fail the test on error. */
static void load_string(enum i18n_lang lang, const char *po)
{
	char err[256];
	if (i18n_load(lang, po, strlen(po), err, sizeof(err)) != 0)
		fail_msg("unexpected error: %s", err);
}

/* Loading `po` must fail with exactly `expected` as its message. */
static void expect_error(const char *po, size_t len, const char *expected)
{
	char err[256];
	strcpy(err, "untouched");
	int rc = i18n_load(LANG_ES, po, len, err, sizeof(err));
	if (rc != -1)
		fail_msg("no error for:\n%s", po);
	assert_string_equal(err, expected);
}

static int teardown(void **state)
{
	(void)state;
	i18n_unload_all();
	return 0;
}

/* i18n-1: the shipped French and Spanish catalogues. */
static void test_real_catalogues(void **state)
{
	(void)state;
	load_source_file(LANG_FR, "po/fr.po");
	load_source_file(LANG_ES, "po/es.po");

	assert_string_equal(i18n_gettext(LANG_FR, "Directory"), "Annuaire");
	assert_string_equal(i18n_gettext(LANG_FR, "Bin"), "Corbeille");
	assert_string_equal(i18n_gettext(LANG_FR, "This field is required."),
			    "Ce champ est obligatoire.");
	assert_string_equal(i18n_gettext(LANG_ES, "Next page"), "Página siguiente");
	assert_string_equal(i18n_gettext(LANG_ES, "Not a valid email address."),
			    "Dirección de correo electrónico no válida.");

	static const char *const ids[] = {
		"Directory", "Organisations", "People", "Search", "Save",
		"Cancel", "Delete", "Restore", "Bin", "Edit", "Name",
		"Next page", "This field is required.",
		"Not a valid email address.",
	};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		/* Translated in both ("Organisations" is the same word in French). */
		assert_string_not_equal(i18n_gettext(LANG_ES, ids[i]), ids[i]);
		if (strcmp(ids[i], "Organisations") != 0)
			assert_string_not_equal(i18n_gettext(LANG_FR, ids[i]), ids[i]);
		/* English has no catalogue: the msgid itself, same pointer. */
		assert_ptr_equal(i18n_gettext(LANG_EN, ids[i]), ids[i]);
	}
}

/* i18n-2: missing messages fall back to the msgid, by pointer. */
static void test_fallbacks(void **state)
{
	(void)state;
	const char *id = "Not in any catalogue";
	assert_ptr_equal(i18n_gettext(LANG_FR, id), id); /* nothing loaded */
	load_source_file(LANG_FR, "po/fr.po");
	assert_ptr_equal(i18n_gettext(LANG_FR, id), id);
	assert_ptr_equal(i18n_gettext(LANG_ES, id), id);
	assert_ptr_equal(i18n_pgettext(LANG_FR, "noun", "Search"), "Search");
	/* The header is not a message. */
	assert_string_equal(i18n_gettext(LANG_FR, ""), "");
	/* Out-of-range language. */
	assert_ptr_equal(i18n_gettext((enum i18n_lang)42, id), id);
	assert_ptr_equal(i18n_gettext((enum i18n_lang)-1, id), id);
	i18n_unload_all();
	assert_string_equal(i18n_gettext(LANG_FR, "Bin"), "Bin");
}

/* i18n-3: plural rules: French n > 1, Spanish and English n != 1. */
static void test_plurals(void **state)
{
	(void)state;
	const char *one = "%d result", *many = "%d results";
	load_source_file(LANG_FR, "po/fr.po");
	load_source_file(LANG_ES, "po/es.po");

	assert_string_equal(i18n_ngettext(LANG_FR, one, many, 0), "%d résultat");
	assert_string_equal(i18n_ngettext(LANG_FR, one, many, 1), "%d résultat");
	assert_string_equal(i18n_ngettext(LANG_FR, one, many, 2), "%d résultats");
	assert_string_equal(i18n_ngettext(LANG_FR, one, many, 1000000), "%d résultats");

	assert_string_equal(i18n_ngettext(LANG_ES, one, many, 0), "%d resultados");
	assert_string_equal(i18n_ngettext(LANG_ES, one, many, 1), "%d resultado");
	assert_string_equal(i18n_ngettext(LANG_ES, one, many, 2), "%d resultados");

	/* English: no catalogue, the English rule. */
	assert_ptr_equal(i18n_ngettext(LANG_EN, one, many, 0), many);
	assert_ptr_equal(i18n_ngettext(LANG_EN, one, many, 1), one);
	assert_ptr_equal(i18n_ngettext(LANG_EN, one, many, 2), many);

	/* Unknown plural message in French: still the English rule. */
	assert_string_equal(i18n_ngettext(LANG_FR, "%d cat", "%d cats", 0), "%d cats");
	/* gettext on a plural entry gives the first form. */
	assert_string_equal(i18n_gettext(LANG_FR, one), "%d résultat");

	/* Without Plural-Forms, the language's own rule. */
	load_string(LANG_FR, "msgid \"%d day\"\nmsgid_plural \"%d days\"\n"
			     "msgstr[0] \"%d jour\"\nmsgstr[1] \"%d jours\"\n");
	assert_string_equal(i18n_ngettext(LANG_FR, "%d day", "%d days", 0), "%d jour");
	load_string(LANG_ES, "msgid \"%d day\"\nmsgid_plural \"%d days\"\n"
			     "msgstr[0] \"%d día\"\nmsgstr[1] \"%d días\"\n");
	assert_string_equal(i18n_ngettext(LANG_ES, "%d day", "%d days", 0), "%d días");

	/* A single-form language. */
	load_string(LANG_EN, "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=1; plural=0;\\n\"\n\n"
			     "msgid \"%d day\"\nmsgid_plural \"%d days\"\nmsgstr[0] \"%d DAY\"\n");
	assert_string_equal(i18n_ngettext(LANG_EN, "%d day", "%d days", 0), "%d DAY");
	assert_string_equal(i18n_ngettext(LANG_EN, "%d day", "%d days", 7), "%d DAY");

	/* The header's rule wins over the language's default. */
	load_string(LANG_EN, "msgid \"\"\nmsgstr \"Plural-Forms:  nplurals = 2 ;plural = ((n>1))\\n\"\n\n"
			     "msgid \"%d day\"\nmsgid_plural \"%d days\"\n"
			     "msgstr[0] \"one\"\nmsgstr[1] \"more\"\n");
	assert_string_equal(i18n_ngettext(LANG_EN, "%d day", "%d days", 0), "one");

	/* A singular-only entry looked up with ngettext. */
	load_string(LANG_ES, "msgid \"%d day\"\nmsgstr \"%d día\"\n");
	assert_string_equal(i18n_ngettext(LANG_ES, "%d day", "%d days", 1), "%d día");
	assert_string_equal(i18n_ngettext(LANG_ES, "%d day", "%d days", 3), "%d days");
}

/* i18n-4: msgctxt keeps same msgids apart. */
static void test_context(void **state)
{
	(void)state;
	load_string(LANG_FR,
		    "msgid \"Open\"\nmsgstr \"Ouvrir\"\n\n"
		    "msgctxt \"state\"\nmsgid \"Open\"\nmsgstr \"Ouvert\"\n\n"
		    "msgctxt \"feminine\"\nmsgid \"Open\"\nmsgstr \"Ouverte\"\n\n"
		    "msgctxt \"\"\nmsgid \"Open\"\nmsgstr \"(empty context)\"\n\n"
		    "msgctxt \"count\"\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\n"
		    "msgstr[0] \"%d fichier\"\nmsgstr[1] \"%d fichiers\"\n");
	assert_string_equal(i18n_gettext(LANG_FR, "Open"), "Ouvrir");
	assert_string_equal(i18n_pgettext(LANG_FR, NULL, "Open"), "Ouvrir");
	assert_string_equal(i18n_pgettext(LANG_FR, "state", "Open"), "Ouvert");
	assert_string_equal(i18n_pgettext(LANG_FR, "feminine", "Open"), "Ouverte");
	assert_string_equal(i18n_pgettext(LANG_FR, "", "Open"), "(empty context)");
	assert_string_equal(i18n_pgettext(LANG_FR, "other", "Open"), "Open");
	assert_string_equal(i18n_pgettext(LANG_FR, "count", "%d file"), "%d fichier");
	/* ngettext has no context: the context entry is not found. */
	assert_string_equal(i18n_ngettext(LANG_FR, "%d file", "%d files", 2), "%d files");
}

/* i18n-5: strings continued over lines, several strings on a line, blanks
 * and CRLF, no final newline. */
static void test_continuation(void **state)
{
	(void)state;
	load_string(LANG_ES,
		    "# translator comment\n"
		    "#: src/web/view_org.c:12\n"
		    "msgid \"\"\n"
		    "\"A long message \"\n"
		    "  \"over lines.\"\n"
		    "msgstr \"\"\n"
		    "\"Un mensaje largo \"\t\"en \"  \"varias \"\n"
		    "\"líneas.\"\n"
		    "\r\n"
		    "   msgid   \"Windows\"\r\n"
		    "msgstr \"Ventanas\"   \r\n"
		    "msgid \"Last\"\n"
		    "msgstr \"Último\"\n"
		    "msgid\n"
		    "\"Bare\"\n"
		    "msgstr\n"
		    "\n"
		    "\"Nu\"\n"
		    "\"\"\n"
		    "\n"
		    "\"do\"");
	assert_string_equal(i18n_gettext(LANG_ES, "A long message over lines."),
			    "Un mensaje largo en varias líneas.");
	assert_string_equal(i18n_gettext(LANG_ES, "Windows"), "Ventanas");
	assert_string_equal(i18n_gettext(LANG_ES, "Last"), "Último");
	/* As msgfmt: a keyword's string may start on the next line, and
	 * blank lines do not end a string. */
	assert_string_equal(i18n_gettext(LANG_ES, "Bare"), "Nudo");
}

/* i18n-6: escapes. */
static void test_escapes(void **state)
{
	(void)state;
	load_string(LANG_ES,
		    "msgid \"Say \\\"hi\\\"\\n\"\nmsgstr \"Di \\\"hola\\\"\\n\"\n"
		    "msgid \"a\\tb\\\\c\"\nmsgstr \"A\\tB\\\\C\\r\\a\\b\\f\\v\\'\\?\"\n");
	assert_string_equal(i18n_gettext(LANG_ES, "Say \"hi\"\n"), "Di \"hola\"\n");
	assert_string_equal(i18n_gettext(LANG_ES, "a\tb\\c"), "A\tB\\C\r\a\b\f\v'?");
}

/* i18n-7: fuzzy entries and empty translations are left untranslated. */
static void test_untranslated(void **state)
{
	(void)state;
	load_string(LANG_FR,
		    "#, fuzzy\nmsgid \"\"\nmsgstr \"Content-Type: text/plain; charset=utf-8\\n\"\n\n"
		    "#, fuzzy\nmsgid \"Fuzzy\"\nmsgstr \"Flou\"\n\n"
		    "#, c-format ,fuzzy\nmsgid \"Fuzzy %d\"\nmsgstr \"Flou %d\"\n\n"
		    "#, c-format\nmsgid \"Clear %d\"\nmsgstr \"Net %d\"\n\n"
		    "#, fuzzyish\nmsgid \"Not fuzzy\"\nmsgstr \"Pas flou\"\n\n"
		    "msgid \"Empty\"\nmsgstr \"\"\n\n"
		    "msgid \"%d half\"\nmsgid_plural \"%d halves\"\n"
		    "msgstr[0] \"%d moitié\"\nmsgstr[1] \"\"\n\n"
		    "#~ msgid \"Old\"\n#~ msgstr \"Ancien\"\n");
	assert_string_equal(i18n_gettext(LANG_FR, "Fuzzy"), "Fuzzy");
	assert_string_equal(i18n_gettext(LANG_FR, "Fuzzy %d"), "Fuzzy %d");
	assert_string_equal(i18n_gettext(LANG_FR, "Clear %d"), "Net %d");
	assert_string_equal(i18n_gettext(LANG_FR, "Not fuzzy"), "Pas flou");
	assert_string_equal(i18n_gettext(LANG_FR, "Empty"), "Empty");
	assert_string_equal(i18n_ngettext(LANG_FR, "%d half", "%d halves", 1), "%d half");
	assert_string_equal(i18n_ngettext(LANG_FR, "%d half", "%d halves", 2), "%d halves");
	assert_string_equal(i18n_gettext(LANG_FR, "Old"), "Old");
}

#define ERROR_CASE(po, message) expect_error((po), sizeof(po) - 1, (message))

/* i18n-8: broken files are refused with the line and the reason. */
static void test_errors(void **state)
{
	(void)state;
	ERROR_CASE("msgid \"a\nmsgstr \"b\"\n", "line 1: unterminated string");
	ERROR_CASE("msgid \"a\"\nmsgstr \"b\\\"\n", "line 2: unterminated string");
	ERROR_CASE("msgid \"a\"\nmsgstr \"b\\", "line 2: unterminated string");
	ERROR_CASE("# c\n\nmsgstr \"x\"\n", "line 3: msgstr without msgid");
	ERROR_CASE("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", "line 3: msgstr without msgid");
	ERROR_CASE("msgctxt \"c\"\nmsgstr \"x\"\n", "line 2: msgstr without msgid");
	ERROR_CASE("msgid \"a\"\nmsgstr \"\\q\"\n", "line 2: unknown escape \\q");
	ERROR_CASE("msgid \"a\\101\"\nmsgstr \"\"\n", "line 1: unknown escape \\1");
	ERROR_CASE("msgid \"a\\x41\"\nmsgstr \"\"\n", "line 1: unknown escape \\x");
	ERROR_CASE("msgid \"a\\\xc3\xa9\"\nmsgstr \"\"\n",
		   "line 1: unknown escape \\ followed by byte 0xc3");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"x\"\n",
		   "line 3: bad msgstr index 1 (msgstr[0] expected)");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[0] \"y\"\n",
		   "line 4: bad msgstr index 0 (msgstr[1] expected)");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\n"
		   "msgstr[2] \"z\"\n",
		   "line 5: bad msgstr index 2 (Plural-Forms says nplurals=2)");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[x] \"x\"\n",
		   "line 3: bad msgstr index");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0 \"x\"\n",
		   "line 3: bad msgstr index");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[99999999999999999999] \"x\"\n",
		   "line 3: bad msgstr index 9999 (msgstr[0] expected)");
	ERROR_CASE("msgid \"a\"\nmsgstr[0] \"x\"\n", "line 2: msgstr[0] without msgid_plural");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"x\"\n",
		   "line 3: msgstr[0] expected after msgid_plural");
	ERROR_CASE("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\n\nmsgid \"b\"\nmsgstr \"\"\n",
		   "line 1: 1 plural forms where Plural-Forms says 2");
	ERROR_CASE("msgstr[0] \"x\"\n", "line 1: msgstr[0] without msgid");
	ERROR_CASE("msgid_plural \"x\"\n", "line 1: msgid_plural without msgid");
	ERROR_CASE("msgid \"a\"\nmsgid \"b\"\n", "line 2: msgid inside an entry (msgstr expected)");
	ERROR_CASE("msgid \"a\"\nmsgctxt \"b\"\n", "line 2: msgctxt inside an entry (msgstr expected)");
	ERROR_CASE("msgid \"a\"\n# c\nmsgstr \"b\"\n",
		   "line 2: comment inside an entry (msgstr expected)");
	ERROR_CASE("msgid \"a\"\n", "line 1: unexpected end of file (msgstr expected)");
	ERROR_CASE("msgid \"a\"\n\n\n", "line 3: unexpected end of file (msgstr expected)");
	ERROR_CASE("\"a\"\n", "line 1: string outside an entry");
	ERROR_CASE("msgid \"a\"\nmsgstr \"b\" x\n", "line 2: unexpected text after a string");
	ERROR_CASE("msgid \"a\"\nmsgstr x\n", "line 2: string expected after msgstr");
	ERROR_CASE("msgid \"a\"\nmsgstr\n", "line 2: string expected after msgstr");
	ERROR_CASE("msgid\n\nmsgstr \"b\"\n", "line 1: string expected after msgid");
	ERROR_CASE("msgid \"a\"\nmsgstr\n# c\n", "line 2: string expected after msgstr");
	ERROR_CASE("msgid \"a\"\nmsgstrs \"b\"\n",
		   "line 2: unknown keyword (msgctxt, msgid, msgid_plural, msgstr expected)");
	ERROR_CASE("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n",
		   "line 4: duplicate entry (first defined on line 1)");
	ERROR_CASE("msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgctxt \"x\"\nmsgid \"a\"\nmsgstr \"\"\n",
		   "line 6: duplicate entry (first defined on line 2)");
	ERROR_CASE("msgid \"a\"\nmsgstr \"\xc3\"\n", "line 1: invalid UTF-8");
	ERROR_CASE("msgid \"\xed\xa0\x80\"\nmsgstr \"\"\n", "line 1: invalid UTF-8");
	ERROR_CASE("msgid \"a\x00\"\nmsgstr \"b\"\n", "line 1: NUL byte in a string");
	ERROR_CASE("msgctxt \"a\x04\"\nmsgid \"b\"\nmsgstr \"c\"\n",
		   "line 2: context separator (byte 0x04) in a string");
	ERROR_CASE("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"\"\nmsgstr \"\"\n",
		   "line 4: the header entry (msgid \"\") must come first");
	ERROR_CASE("msgid \"\"\nmsgstr \"\"\n\nmsgid \"\"\nmsgstr \"\"\n",
		   "line 4: second header entry (msgid \"\")");
	ERROR_CASE("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n",
		   "line 1: the header's charset must be UTF-8");
	ERROR_CASE("msgid \"\"\nmsgstr \"\"\n\"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : 1);\\n\"\n",
		   "line 1: unsupported Plural-Forms (understood: "
		   "\"nplurals=2; plural=(n > 1);\", \"nplurals=2; plural=(n != 1);\", "
		   "\"nplurals=1; plural=0;\")");
	ERROR_CASE("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=1; plural=(n > 1);\\n\"\n",
		   "line 1: unsupported Plural-Forms (understood: "
		   "\"nplurals=2; plural=(n > 1);\", \"nplurals=2; plural=(n != 1);\", "
		   "\"nplurals=1; plural=0;\")");
	ERROR_CASE("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=1; plural=0;\\n\"\n\n"
		   "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\n",
		   "line 7: bad msgstr index 1 (Plural-Forms says nplurals=1)");

	/* The error buffer is optional and bounded. */
	static const char bad[] = "msgid \"a\n";
	assert_int_equal(i18n_load(LANG_FR, bad, sizeof(bad) - 1, NULL, 0), -1);
	char tiny[8];
	assert_int_equal(i18n_load(LANG_FR, bad, sizeof(bad) - 1, tiny, sizeof(tiny)), -1);
	assert_string_equal(tiny, "line 1:");
	char err[64];
	assert_int_equal(i18n_load(LANG_COUNT, "", 0, err, sizeof(err)), -1);
	assert_string_equal(err, "unknown language");
}

/* i18n-9: loading replaces a catalogue; a failed load keeps the old one;
 * an empty file is an empty catalogue. */
static void test_reload(void **state)
{
	(void)state;
	char err[128];
	load_source_file(LANG_FR, "po/fr.po");
	static const char broken[] = "msgid \"Bin\"\nmsgstr \"Poubelle\"\nmsgid \"x\n";
	assert_int_equal(i18n_load(LANG_FR, broken, sizeof(broken) - 1, err, sizeof(err)), -1);
	assert_string_equal(err, "line 3: unterminated string");
	assert_string_equal(i18n_gettext(LANG_FR, "Bin"), "Corbeille");

	load_string(LANG_FR, "msgid \"Bin\"\nmsgstr \"Poubelle\"\n");
	assert_string_equal(i18n_gettext(LANG_FR, "Bin"), "Poubelle");
	assert_string_equal(i18n_gettext(LANG_FR, "Save"), "Save");

	assert_int_equal(i18n_load(LANG_FR, NULL, 0, err, sizeof(err)), 0);
	assert_string_equal(i18n_gettext(LANG_FR, "Bin"), "Bin");
	load_string(LANG_FR, "# only a comment\n\n");
	assert_string_equal(i18n_gettext(LANG_FR, "Bin"), "Bin");
}

/* i18n-10: many entries (the table grows) are all found. */
static void test_many_entries(void **state)
{
	(void)state;
	size_t cap = 1 << 20, len = 0;
	char *po = malloc(cap);
	assert_non_null(po);
	for (int i = 0; i < 5000; i++)
		len += (size_t)snprintf(po + len, cap - len,
					"msgid \"message %d\"\nmsgstr \"message n°%d\"\n\n", i, i);
	char err[128];
	assert_int_equal(i18n_load(LANG_ES, po, len, err, sizeof(err)), 0);
	free(po);
	for (int i = 0; i < 5000; i++) {
		char id[32], expected[32];
		snprintf(id, sizeof(id), "message %d", i);
		snprintf(expected, sizeof(expected), "message n°%d", i);
		assert_string_equal(i18n_gettext(LANG_ES, id), expected);
	}
	assert_string_equal(i18n_gettext(LANG_ES, "message 5000"), "message 5000");
}

/* i18n-11: language of a request. */
static void test_negotiate(void **state)
{
	(void)state;
	assert_int_equal(i18n_negotiate(NULL, "es-CR,es;q=0.9,en;q=0.8"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "de-DE,en;q=0.5"), LANG_EN);
	assert_int_equal(i18n_negotiate(NULL, "de"), LANG_FR);
	assert_int_equal(i18n_negotiate(NULL, ""), LANG_FR);
	assert_int_equal(i18n_negotiate(NULL, NULL), LANG_FR);
	assert_int_equal(i18n_negotiate("en", "es-CR,es;q=0.9"), LANG_EN);
	assert_int_equal(i18n_negotiate("xx", "es-CR,es;q=0.9"), LANG_ES);
	assert_int_equal(i18n_negotiate("", "es"), LANG_ES);
	assert_int_equal(i18n_negotiate("ES", NULL), LANG_ES);
	assert_int_equal(i18n_negotiate("<script>", NULL), LANG_FR);

	/* q-values decide, ties go to the first listed, q=0 excludes. */
	assert_int_equal(i18n_negotiate(NULL, "en;q=0.8, es;q=0.9"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en-US;q=0.8,fr;q=0.7"), LANG_EN);
	assert_int_equal(i18n_negotiate(NULL, "es;q=0.5,en;q=0.5"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en;q=0"), LANG_FR);
	assert_int_equal(i18n_negotiate(NULL, "es;q=0.000, en;q=0.001"), LANG_EN);
	assert_int_equal(i18n_negotiate(NULL, "EN-gb ; Q = 1.0"), LANG_EN);
	assert_int_equal(i18n_negotiate(NULL, "*;q=0.5,es;q=0.4"), LANG_FR);
	assert_int_equal(i18n_negotiate(NULL, "de,*;q=0.1,en;q=0.2"), LANG_EN);
	assert_int_equal(i18n_negotiate(NULL, "\tes-419\t"), LANG_ES);

	/* Garbage is ignored item by item. */
	assert_int_equal(i18n_negotiate(NULL, ",,, ;;; ,=,q=1"), LANG_FR);
	assert_int_equal(i18n_negotiate(NULL, "en;q=abc,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en;q=1.5,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en;q=0.1234,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en;q,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en x,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "eng,english,e,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en-\xc3\xa9,es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_negotiate(NULL, "en;level=1;q=0.3,es;q=0.2"), LANG_EN);
}

/* i18n-12: language codes. */
static void test_codes(void **state)
{
	(void)state;
	enum i18n_lang lang = LANG_COUNT;
	assert_string_equal(i18n_code(LANG_FR), "fr");
	assert_string_equal(i18n_code(LANG_EN), "en");
	assert_string_equal(i18n_code(LANG_ES), "es");
	assert_string_equal(i18n_code(LANG_COUNT), "fr");

	assert_int_equal(i18n_parse_code("es", &lang), 0);
	assert_int_equal(lang, LANG_ES);
	assert_int_equal(i18n_parse_code("EN", &lang), 0);
	assert_int_equal(lang, LANG_EN);
	assert_int_equal(i18n_parse_code("fr_FR", &lang), 0);
	assert_int_equal(lang, LANG_FR);
	assert_int_equal(i18n_parse_code("es-CR", &lang), 0);
	assert_int_equal(lang, LANG_ES);

	lang = LANG_EN;
	assert_int_equal(i18n_parse_code("xx", &lang), -1);
	assert_int_equal(i18n_parse_code("", &lang), -1);
	assert_int_equal(i18n_parse_code(NULL, &lang), -1);
	assert_int_equal(i18n_parse_code("e", &lang), -1);
	assert_int_equal(i18n_parse_code("esp", &lang), -1);
	assert_int_equal(i18n_parse_code("es ", &lang), -1);
	assert_int_equal(i18n_parse_code("-es", &lang), -1);
	assert_int_equal(i18n_parse_code("es-<b>", &lang), -1);
	assert_int_equal(lang, LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_real_catalogues, teardown),
		cmocka_unit_test_teardown(test_fallbacks, teardown),
		cmocka_unit_test_teardown(test_plurals, teardown),
		cmocka_unit_test_teardown(test_context, teardown),
		cmocka_unit_test_teardown(test_continuation, teardown),
		cmocka_unit_test_teardown(test_escapes, teardown),
		cmocka_unit_test_teardown(test_untranslated, teardown),
		cmocka_unit_test_teardown(test_errors, teardown),
		cmocka_unit_test_teardown(test_reload, teardown),
		cmocka_unit_test_teardown(test_many_entries, teardown),
		cmocka_unit_test_teardown(test_negotiate, teardown),
		cmocka_unit_test_teardown(test_codes, teardown),
	};
	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
