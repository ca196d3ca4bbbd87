/*
 * i18n.h - translations of the interface, looked up per request.
 *
 * msgids are English.  French is the default language; English and Spanish
 * are chosen per request.  The system's gettext and its locales are not
 * used: the catalogues come from standard GNU gettext .po files whose bytes
 * are embedded in the binary.  At start-up, before threads start,
 * i18n_load() parses one file per language into a read-only hash table.
 * Afterwards every lookup is thread-safe, allocates nothing and cannot
 * fail: a missing translation is the msgid itself, in English.
 *
 * The .po syntax understood:
 *   - comments (# ...); an entry flagged "#, fuzzy" is skipped (left
 *     untranslated) and "#~" obsolete entries are ignored like any comment;
 *   - msgctxt, msgid, msgid_plural, msgstr and msgstr[N], each followed by
 *     one or more "..." strings, on its line or continued by lines holding
 *     only strings (blank lines between them do not end the string);
 *   - the escapes \n \t \r \" \\ and \a \b \f \v \' \?; any other escape
 *     (octal and hexadecimal included) is an error;
 *   - the header entry (msgid ""), which must come first and of which only
 *     Content-Type's charset (UTF-8 required) and Plural-Forms are read.
 *     Plural rules understood: "n > 1" (French), "n != 1" (English,
 *     Spanish) and "0" (a single form).  Without Plural-Forms the
 *     language's own rule applies.
 * An empty msgstr (any empty form, for a plural entry) means untranslated.
 * Every string must be valid UTF-8; a duplicate entry is an error.
 */
#ifndef PASSERELLE_I18N_H
#define PASSERELLE_I18N_H

#include <stddef.h>

/* French first: it is the default, and the value of a zeroed variable. */
enum i18n_lang {
	LANG_FR,
	LANG_EN,
	LANG_ES,
	LANG_COUNT
};

/*
 * Parse the .po file po[0..len) (not necessarily NUL-terminated; any bytes
 * at all) and make it the catalogue of `lang`, replacing any catalogue
 * loaded before for that language.  Returns 0, or -1 with "line N: reason"
 * in err (when err is not NULL and errlen > 0), in which case the previous
 * catalogue of `lang` is kept unchanged.
 *
 * Not thread-safe: call before the threads that look messages up start
 * (or after they stopped).  The bytes are copied; `po` may be freed after.
 */
int i18n_load(enum i18n_lang lang, const char *po, size_t len, char *err,
	      size_t errlen);

/* Free every catalogue; lookups fall back to the msgids afterwards.  Same
 * threading rule as i18n_load(). */
void i18n_unload_all(void);

/*
 * The translation of `msgid` in `lang`, or `msgid` itself when there is
 * none (untranslated, fuzzy, unknown, or no catalogue for `lang`).  The
 * result lives until the catalogue is unloaded, or as long as `msgid`.
 * For an entry with plural forms, the first form.  Thread-safe once loaded;
 * never allocates.
 */
const char *i18n_gettext(enum i18n_lang lang, const char *msgid);

/* Same, for the entry with msgctxt `context` (NULL: no context). */
const char *i18n_pgettext(enum i18n_lang lang, const char *context,
			  const char *msgid);

/*
 * The form of the plural entry `singular` that fits the count `n` under the
 * catalogue's Plural-Forms rule; without a translation, `singular` when
 * n == 1 and `plural` otherwise (the English rule).
 */
const char *i18n_ngettext(enum i18n_lang lang, const char *singular,
			  const char *plural, unsigned long n);

/*
 * The language of a request.  `explicit_choice` (a "lang" query parameter
 * or cookie value, such as "es"; NULL when absent) wins when it names a
 * supported language; otherwise the supported language with the highest
 * q-value in the Accept-Language header `accept_language` (NULL when
 * absent; "es-CR" matches es, "*" matches the default, ties go to the one
 * listed first, q=0 excludes); otherwise French.  Garbage in either
 * argument is ignored, never an error.
 */
enum i18n_lang i18n_negotiate(const char *explicit_choice,
			      const char *accept_language);

/* The ISO 639-1 code of `lang`: "fr", "en", "es" ("fr" when out of range). */
const char *i18n_code(enum i18n_lang lang);

/*
 * The language named by `code`: a supported ISO 639-1 code in any case,
 * optionally followed by subtags ("es", "EN", "es-CR", "fr_FR").  0 with
 * *out set, or -1 (NULL, unknown or malformed code) leaving *out as is.
 */
int i18n_parse_code(const char *code, enum i18n_lang *out);

#endif
