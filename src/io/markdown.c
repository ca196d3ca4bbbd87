/* markdown.c - see markdown.h. */
#include "io/markdown.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "base/text.h"
#include "model/model.h"

/* The extensions every parse attaches. */
static const char *const markdown_extensions[] = {
	"table", "strikethrough", "autolink",
};

/* The schemes a destination may have. */
static const char *const markdown_schemes[] = { "http", "https", "mailto" };

/* Longest HTML tag quoted in a problem's detail, in bytes. */
#define MARKDOWN_TAG_DETAIL 60

static pthread_once_t markdown_once = PTHREAD_ONCE_INIT;
/*
 * cmark-gfm 0.29.0.gfm.6 adds the extensions' special characters to a
 * global table when a parse processes its inlines, and takes them out
 * again at the end: two parses at once would see each other's changes.
 */
static pthread_mutex_t markdown_parse_lock = PTHREAD_MUTEX_INITIALIZER;

static void markdown_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* A parser with the extensions attached; never NULL (cmark aborts when
 * out of memory). */
static cmark_parser *markdown_parser_new(void)
{
	pthread_once(&markdown_once, markdown_register);
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8);
	for (size_t i = 0; i < sizeof(markdown_extensions) /
			       sizeof(markdown_extensions[0]); i++) {
		cmark_syntax_extension *e =
			cmark_find_syntax_extension(markdown_extensions[i]);
		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	return parser;
}

/* Parse text[0..len) with `parser`, one parse at a time. */
static cmark_node *markdown_run(cmark_parser *parser, const char *text,
				size_t len)
{
	pthread_mutex_lock(&markdown_parse_lock);
	if (len)
		cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	pthread_mutex_unlock(&markdown_parse_lock);
	return doc;
}

struct cmark_node *markdown_parse(const char *text, size_t len)
{
	cmark_parser *parser = markdown_parser_new();
	cmark_node *doc = markdown_run(parser, text, len);
	cmark_parser_free(parser);
	return doc;
}

/* Copy s[0..n) into dst[size], cut on a UTF-8 character boundary; `s`
 * is valid UTF-8. */
static void markdown_copy_cut(char *dst, size_t size, const char *s, size_t n)
{
	if (n > size - 1) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

enum markdown_url markdown_url_kind(const char *url, char *scheme,
				    size_t scheme_size)
{
	if (scheme && scheme_size)
		scheme[0] = '\0';
	if (!url)
		return MARKDOWN_URL_RELATIVE;

	/* The text before the first ':', '/', '?', '#' or '\', without
	 * spaces and controls, lowercased: room for the longest allowed
	 * scheme and one more byte tells them apart. */
	char head[8];
	size_t n = 0, total = 0;
	const char *p;
	for (p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7F)
			continue;
		if (strchr(":/?#\\", c))
			break;
		if (n < sizeof(head) - 1)
			head[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		total++;
	}
	head[n] = '\0';
	if (*p != ':' || total == 0)
		return MARKDOWN_URL_RELATIVE;
	for (size_t i = 0; i < sizeof(markdown_schemes) /
			       sizeof(markdown_schemes[0]); i++)
		if (total == n && strcmp(head, markdown_schemes[i]) == 0)
			return MARKDOWN_URL_ABSOLUTE;

	if (scheme && scheme_size > 1) {
		/* The whole scheme for the message, cut to size. */
		struct buf s = BUF_INIT;
		for (const char *q = url; q < p; q++) {
			unsigned char c = (unsigned char)*q;
			if (c > 0x20 && c != 0x7F)
				buf_putc(&s, (char)(c >= 'A' && c <= 'Z' ?
						    c + 32 : c));
		}
		buf_putc(&s, ':');
		markdown_copy_cut(scheme, scheme_size, s.data, s.len);
		buf_release(&s);
	}
	return MARKDOWN_URL_REFUSED;
}

/* ---- positions ---- */

/* The length of the line ending at text[i], 0 when there is none. */
static size_t markdown_eol(const char *text, size_t len, size_t i)
{
	if (text[i] == '\n')
		return 1;
	if (text[i] == '\r')
		return i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
	return 0;
}

/* Characters (UTF-8 lead bytes and invalid bytes) in s[0..n). */
static int markdown_chars(const char *s, size_t n)
{
	int count = 0;
	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

/* Line and character column (1-based) of byte `offset` of text. */
static void markdown_locate(const char *text, size_t len, size_t offset,
			    struct markdown_problem *p)
{
	size_t line_start = 0;
	int line = 1;
	for (size_t i = 0; i < offset && i < len;) {
		size_t e = markdown_eol(text, len, i);
		if (e && i + e <= offset) {
			i += e;
			line++;
			line_start = i;
		} else {
			i++;
		}
	}
	p->line = line;
	p->column = 1 + markdown_chars(text + line_start, offset - line_start);
}

/* Set p's position from the node, or its nearest ancestor that has one:
 * cmark gives lines and byte columns, made a character column here. */
static void markdown_node_position(const char *text, size_t len,
				   cmark_node *node,
				   struct markdown_problem *p)
{
	while (node && cmark_node_get_start_line(node) <= 0)
		node = cmark_node_parent(node);
	if (!node)
		return;
	int line = cmark_node_get_start_line(node);
	int column = cmark_node_get_start_column(node);
	p->line = line;
	p->column = column > 0 ? column : 0;
	size_t i = 0;
	for (int l = 1; l < line && i < len;) {
		size_t e = markdown_eol(text, len, i);
		i += e ? e : 1;
		l += e != 0;
	}
	if (column <= 0 || i >= len)
		return;
	size_t bytes = (size_t)column - 1;
	if (bytes > len - i)
		bytes = len - i;
	p->column = 1 + markdown_chars(text + i, bytes);
}

/* ---- the check ---- */

/* The first tag of raw HTML `html`, as written, for a message. */
static void markdown_tag_detail(char *dst, size_t size, const char *html)
{
	while (*html == ' ' || *html == '\t' || *html == '\n' ||
	       *html == '\r')
		html++;
	const char *end = strchr(html, '>');
	size_t n = end ? (size_t)(end - html) + 1 : strlen(html);
	if (n > MARKDOWN_TAG_DETAIL) {
		n = MARKDOWN_TAG_DETAIL;
		while (n > 0 && ((unsigned char)html[n] & 0xC0) == 0x80)
			n--;
	}
	markdown_copy_cut(dst, size, html, n);
	for (char *q = dst; *q; q++)
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
	size_t k = strlen(dst);
	while (k > 0 && dst[k - 1] == ' ')
		dst[--k] = '\0';
}

/* The first node of doc the policy refuses, with p filled; NULL if none. */
static cmark_node *markdown_first_refused(cmark_node *doc,
					  struct markdown_problem *p)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_node *found = NULL;
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		if (type == CMARK_NODE_HTML_BLOCK ||
		    type == CMARK_NODE_HTML_INLINE) {
			const char *html = cmark_node_get_literal(node);
			p->message = N_("Raw HTML is not allowed in a note: {}.");
			markdown_tag_detail(p->detail, sizeof(p->detail),
					    html ? html : "");
			found = node;
		} else if ((type == CMARK_NODE_LINK ||
			    type == CMARK_NODE_IMAGE) &&
			   markdown_url_kind(cmark_node_get_url(node),
					     p->detail, sizeof(p->detail)) ==
			   MARKDOWN_URL_REFUSED) {
			p->message = type == CMARK_NODE_LINK ?
				N_("Links may only lead to http:, https: or "
				   "mailto: addresses, not {}.") :
				N_("Images may only come from http: or https: "
				   "addresses, not {}.");
			found = node;
		}
	}
	cmark_iter_free(iter);
	return found;
}

int markdown_check(const char *text, size_t len,
		   struct markdown_problem *problem)
{
	struct markdown_problem scratch;
	struct markdown_problem *p = problem ? problem : &scratch;
	memset(p, 0, sizeof(*p));
	if (!text)
		text = "";

	if (len > MARKDOWN_MAX_BYTES) {
		p->message = N_("A note may hold at most {} bytes.");
		snprintf(p->detail, sizeof(p->detail), "%zu",
			 MARKDOWN_MAX_BYTES);
		return -1;
	}
	const char *nul = len ? memchr(text, '\0', len) : NULL;
	size_t bad = 0;
	int valid = text_utf8_valid(text, len, &bad);
	if (nul && (valid || (size_t)(nul - text) < bad)) {
		size_t at = (size_t)(nul - text);
		p->message = N_("The text holds a NUL character (byte {}).");
		snprintf(p->detail, sizeof(p->detail), "%zu", at);
		markdown_locate(text, len, at, p);
		return -1;
	}
	if (!valid) {
		p->message = N_("The text is not valid UTF-8 (byte {}).");
		snprintf(p->detail, sizeof(p->detail), "%zu", bad);
		markdown_locate(text, len, bad, p);
		return -1;
	}

	cmark_node *doc = markdown_parse(text, len);
	cmark_node *refused = markdown_first_refused(doc, p);
	if (refused)
		markdown_node_position(text, len, refused, p);
	cmark_node_free(doc);
	return refused ? -1 : 0;
}

void markdown_to_html(struct buf *out, const char *text, size_t len, int heading_shift)
{
	cmark_parser *parser = markdown_parser_new();
	cmark_node *doc = markdown_run(parser, text ? text : "", len);

	/* Empty what the policy refuses (cmark's safe mode would let
	 * data:image/png and "java\tscript:" through). */
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_HEADING && heading_shift > 0) {
			int level = cmark_node_get_heading_level(node) + heading_shift;
			cmark_node_set_heading_level(node, level > 6 ? 6 : level);
		}
		if (ev == CMARK_EVENT_ENTER &&
		    (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) &&
		    markdown_url_kind(cmark_node_get_url(node), NULL, 0) ==
		    MARKDOWN_URL_REFUSED)
			cmark_node_set_url(node, "");
	}
	cmark_iter_free(iter);

	char *html = cmark_render_html(doc, CMARK_OPT_SAFE,
				       cmark_parser_get_syntax_extensions(parser));
	buf_puts(out, html);
	cmark_get_default_mem_allocator()->free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
}
