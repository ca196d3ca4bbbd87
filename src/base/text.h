/*
 * text.h - Unicode text handling: validation, folding for search, French
 * collation keys for sorting, and safe full-text query building.
 *
 * Everything here works on UTF-8.  Folding is what makes "societe" find
 * "Société" and "oeuvre" find "Œuvre": case folding, removal of combining
 * marks (after NFKD), ligature expansion (œ→oe, æ→ae, ß→ss), and every
 * character that is neither a letter nor a digit turned into one space
 * (runs collapsed, ends trimmed).  The same function folds what is indexed
 * and what is searched, so both sides always agree.
 *
 * Uses ICU (libicu).  text_init() must be called once before threads start;
 * the other functions are thread-safe.
 */
#ifndef PASSERELLE_TEXT_H
#define PASSERELLE_TEXT_H

#include <stddef.h>
#include "base/arena.h"

/* Open ICU services (normaliser, French collator).  0 on success, -1 with a
 * message on stderr otherwise. */
int text_init(void);
void text_shutdown(void);

/* Is s[0..len) valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF)?
 * On failure and when bad_offset is not NULL, stores the offset of the
 * first invalid byte. */
int text_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* The length (1 to 4) of the well-formed UTF-8 sequence at s[0..n), n > 0:
 * no overlong forms, surrogates or code points past U+10FFFF; 0 when the
 * bytes there are not one.  The one decoder every writer shares. */
size_t text_utf8_seq(const unsigned char *s, size_t n);
/* Append s[0..n) to out with each byte that begins no valid sequence
 * replaced by U+FFFD. */
struct buf;
void text_utf8_repair(struct buf *out, const char *s, size_t n);

/* Has the string a control character other than tab, LF, CR (C0, DEL, C1),
 * or a NUL within len?  For single-line fields. */
int text_has_control(const char *s, size_t len);

/* Folded copy of `s` for indexing and searching (see above).  Never NULL;
 * "" for NULL or invalid input. */
char *text_fold(struct arena *a, const char *s);

/* French collation sort key of `s` (ICU, French, tertiary strength) as a
 * lowercase hexadecimal string, comparable with strcmp/memcmp and with SQL
 * ORDER BY on TEXT in both SQLite and PostgreSQL ("C" collation): "École"
 * sorts between "ecole" and "Ecoles", "Zurich" after "Édimbourg".  Never
 * NULL. */
char *text_sort_key(struct arena *a, const char *s);

/* The longest prefix the search index keeps a list for (its `prefix`
 * option, migration 0011): a longer prefix would be merged from every
 * word it begins, in memory, at each search. */
#define TEXT_FTS_PREFIX_CHARS 8

/* Build an FTS5 MATCH expression from free user input: fold it, split on
 * spaces, and make each word a quoted prefix term ("word"*) joined by
 * spaces (implicit AND).  A word is cut to its first TEXT_FTS_PREFIX_CHARS
 * characters ("developpement" searches "developp"*: a few more matches,
 * read from the index's prefix lists instead of merged).  Quotes and FTS
 * operators in the input never reach the expression as syntax.  Returns
 * NULL when the input holds no word.  At most 16 words are kept. */
char *text_fts_query(struct arena *a, const char *input);

/* Number of Unicode code points in valid UTF-8 `s`. */
size_t text_length(const char *s);

#endif
