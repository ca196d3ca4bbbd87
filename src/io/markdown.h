/*
 * markdown.h - the Markdown of notes (minutes, briefing notes...): what a
 * note may hold, and its HTML.
 *
 * Notes are GitHub-flavoured Markdown, parsed by cmark-gfm with three of
 * its extensions: tables, strikethrough (~~text~~) and autolinks (bare
 * www.example.org and e-mail addresses become links).  No other parser
 * reads them: the policy below and every rendering (HTML here, DOCX, ODT
 * and PDF in note_doc.h) see the same tree.
 *
 * The policy, checked when a note is saved:
 *   - the text is valid UTF-8 without NUL, at most MARKDOWN_MAX_BYTES;
 *   - no raw HTML at all, not even a comment: whatever a browser would
 *     read as a tag stays out of the stored text;
 *   - link and image destinations are http:, https:, mailto:, or relative
 *     (a path, "?query" or "#fragment").  The scheme is read the way a
 *     browser reads it, after dropping every space and control character
 *     ("java\tscript:" is javascript:) and ignoring case; anything that
 *     looks like another scheme (text before a ':' that comes before any
 *     '/', '?' or '#') is refused.
 *
 * markdown_to_html() does not rely on the text having passed the check:
 * raw HTML never reaches its output and destinations the policy refuses
 * become empty, so a preview of text being typed is safe too.
 *
 * Thread-safe.  cmark-gfm 0.29 writes a table of its own during each
 * parse, so parses are serialised inside this module: a 200 kB note takes
 * a few milliseconds.
 */
#ifndef PASSERELLE_MARKDOWN_H
#define PASSERELLE_MARKDOWN_H

#include <stddef.h>

#include "base/buf.h"

#define MARKDOWN_MAX_BYTES ((size_t)200000)

struct cmark_node;

struct markdown_problem {
	int line, column;      /* 1-based, where the problem starts (0 when unknown) */
	const char *message;   /* an English msgid marked N_("..."), may contain "{}" */
	char detail[160];      /* replaces "{}" when shown: e.g. the offending tag or URL scheme, never translated */
};

/*
 * 0 when `text` (len bytes) is acceptable under the policy above; else -1
 * with the first problem in *problem (which may be NULL).  The column
 * counts characters, not bytes.  Details: the byte offset (from 0) of
 * the first invalid UTF-8 byte or of the NUL; the HTML tag as written
 * ("<script>", "<!-- note -->"), cut to about 60 bytes; the refused
 * scheme, lowercased, with its colon ("javascript:"); the limit for a
 * text too long.
 */
int markdown_check(const char *text, size_t len, struct markdown_problem *problem);

/*
 * Append to `out` the HTML of text[0..len): GFM with tables,
 * strikethrough and autolinks, in cmark's safe mode (raw HTML replaced by
 * an HTML comment), destinations the policy refuses emptied.  Invalid
 * UTF-8 and NUL become U+FFFD.  Headings go heading_shift levels down
 * (at most to h6), so that a note's "# Title" sits under the page's own
 * h1 and h2.  Cannot fail.
 */
void markdown_to_html(struct buf *out, const char *text, size_t len, int heading_shift);

/* How the policy reads a link or image destination. */
enum markdown_url {
	MARKDOWN_URL_REFUSED,  /* another scheme */
	MARKDOWN_URL_RELATIVE, /* no scheme: a path, ?query, #fragment, //host */
	MARKDOWN_URL_ABSOLUTE, /* http:, https: or mailto: */
};

/*
 * Classify `url` (NUL-terminated, NULL is relative: empty).  When refused
 * and `scheme` is not NULL, the scheme as the policy read it, lowercased,
 * with its colon, cut to scheme_size - 1 bytes on a character boundary.
 */
enum markdown_url markdown_url_kind(const char *url, char *scheme, size_t scheme_size);

/*
 * The cmark-gfm tree of text[0..len), parsed as everywhere else (the
 * three extensions, invalid UTF-8 and NUL replaced by U+FFFD), for the
 * document writers.  Not checked against the policy.  The caller frees it
 * with cmark_node_free().  Never NULL: cmark aborts the process when out
 * of memory, as arena.h does.
 */
struct cmark_node *markdown_parse(const char *text, size_t len);

#endif
