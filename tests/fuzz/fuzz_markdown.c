/*
 * fuzz_markdown.c - libFuzzer target for the Markdown of notes
 * (src/io/markdown.c) and the DOCX and ODT writers (src/io/note_*.c).
 *
 * The input is the text of a note, as typed.  Checks:
 *   - markdown_check() agrees with text_utf8_valid() and memchr() on
 *     UTF-8, NUL and length; a refusal has a message, a NUL-terminated
 *     UTF-8 detail and a position that is not negative;
 *   - whatever the input, the HTML of markdown_to_html() holds only the
 *     tags cmark writes (p, h1-h6, ul, ol, li, em, strong, del, code,
 *     pre, a, img, table, thead, tbody, tr, th, td, blockquote, hr, br,
 *     input) with only the attributes it writes (href, src, alt, title,
 *     align, class, start), never "<script", "<iframe" or a "<" that
 *     starts anything else, and every href and src, its entities decoded
 *     and read the way a browser reads a URL, is relative or http:,
 *     https: or mailto: (no javascript:, data:...);
 *   - when markdown_check() accepts, the HTML has no "raw HTML omitted"
 *     comment either, and for inputs under 2000 bytes note_docx_write()
 *     and note_odt_write() succeed and give a zip ("PK").
 *
 * Build and run: sh tests/fuzz/run.sh (seeds in tests/fuzz/corpus/markdown/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/markdown.h"
#include "io/note_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_fail(const char *what, const char *html)
{
	fprintf(stderr, "fuzz_markdown: %s\n--- HTML ---\n%s\n", what,
		html ? html : "");
	abort();
}

static const char *const tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em",
	"strong", "del", "code", "pre", "a", "img", "table", "thead", "tbody",
	"tr", "th", "td", "blockquote", "hr", "br", "input",
};
static const char *const attributes[] = {
	"href", "src", "alt", "title", "align", "class", "start",
};

static int in_list(const char *const *list, size_t n, const char *s,
		   size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

/* The value of an attribute as a browser reads it: the entities cmark
 * writes decoded. */
static char *unescape_attribute(const char *s, size_t len)
{
	static const char *const entities[][2] = {
		{ "&amp;", "&" }, { "&quot;", "\"" }, { "&lt;", "<" },
		{ "&gt;", ">" }, { "&#x27;", "'" }, { "&#39;", "'" },
	};
	char *out = malloc(len + 1), *o = out;
	if (!out)
		abort();
	for (size_t i = 0; i < len;) {
		size_t e = 0;
		for (; e < sizeof(entities) / sizeof(entities[0]); e++) {
			size_t n = strlen(entities[e][0]);
			if (i + n <= len && strncmp(s + i, entities[e][0], n) == 0)
				break;
		}
		if (e < sizeof(entities) / sizeof(entities[0])) {
			*o++ = entities[e][1][0];
			i += strlen(entities[e][0]);
		} else {
			*o++ = s[i++];
		}
	}
	*o = '\0';
	return out;
}

/*
 * Whether a browser reading `url` as an href finds a scheme other than
 * http, https or mailto (the WHATWG URL parser: leading C0 controls and
 * spaces dropped, tabs and line breaks removed anywhere; a scheme is an
 * ASCII letter, then letters, digits, '+', '-' or '.', then ':').
 */
static int browser_refused(const char *url)
{
	char scheme[8];
	size_t n = 0, total = 0;
	while (*url && (unsigned char)*url <= 0x20)
		url++;
	for (; *url; url++) {
		char c = *url;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		int other = (c >= '0' && c <= '9') || c == '+' || c == '-' ||
			    c == '.';
		if (!letter && !(total > 0 && other))
			return 0; /* no scheme: relative */
		if (n < sizeof(scheme) - 1)
			scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		total++;
	}
	if (!*url || total == 0)
		return 0;
	if (total > n)
		return 1; /* longer than any allowed one */
	scheme[n] = '\0';
	return strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0 &&
	       strcmp(scheme, "mailto") != 0;
}

/* Check one tag starting at html[i] ('<'); the index after it. */
static size_t check_tag(const char *html, size_t i)
{
	static const char omitted[] = "<!-- raw HTML omitted -->";
	size_t p = i + 1;
	if (html[p] == '!') {
		if (strncmp(html + i, omitted, strlen(omitted)) != 0)
			fuzz_fail("a '<!' that is not cmark's comment", html);
		return i + strlen(omitted);
	}
	if (html[p] == '/')
		p++;
	size_t name = p;
	while ((html[p] >= 'a' && html[p] <= 'z') ||
	       (html[p] >= '0' && html[p] <= '9'))
		p++;
	if (!in_list(tags, sizeof(tags) / sizeof(tags[0]), html + name,
		     p - name))
		fuzz_fail("a tag cmark does not write", html);
	for (;;) {
		if (html[p] == '>')
			return p + 1;
		if (strncmp(html + p, " />", 3) == 0)
			return p + 3;
		if (html[p] != ' ')
			fuzz_fail("a malformed tag", html);
		p++;
		size_t a = p;
		while (html[p] >= 'a' && html[p] <= 'z')
			p++;
		if (!in_list(attributes, sizeof(attributes) /
			     sizeof(attributes[0]), html + a, p - a))
			fuzz_fail("an attribute cmark does not write", html);
		if (html[p] != '=' || html[p + 1] != '"')
			fuzz_fail("an attribute without a quoted value", html);
		size_t v = p + 2;
		const char *end = strchr(html + v, '"');
		if (!end)
			fuzz_fail("an attribute value without its end", html);
		if (memchr(html + v, '<', (size_t)(end - (html + v))) ||
		    memchr(html + v, '>', (size_t)(end - (html + v))))
			fuzz_fail("'<' or '>' in an attribute value", html);
		if ((p - a == 4 && strncmp(html + a, "href", 4) == 0) ||
		    (p - a == 3 && strncmp(html + a, "src", 3) == 0)) {
			char *url = unescape_attribute(html + v,
						       (size_t)(end - (html + v)));
			if (browser_refused(url))
				fuzz_fail("a refused destination in the HTML",
					  html);
			free(url);
		}
		p = (size_t)(end - html) + 1;
	}
}

static void check_html(const char *html, int accepted)
{
	if (strcasestr(html, "<script") || strcasestr(html, "<iframe"))
		fuzz_fail("<script or <iframe in the HTML", html);
	if (accepted && strstr(html, "<!--"))
		fuzz_fail("raw HTML omitted from an accepted text", html);
	for (size_t i = 0; html[i];) {
		if (html[i] == '<')
			i = check_tag(html, i);
		else if (html[i] == '>')
			fuzz_fail("a '>' outside a tag", html);
		else
			i++;
	}
}

static void check_problem(const uint8_t *data, size_t size, int rc,
			  const struct markdown_problem *p)
{
	size_t bad = 0;
	int valid = text_utf8_valid((const char *)data, size, &bad);
	int has_nul = size > 0 && memchr(data, '\0', size) != NULL;
	int ok = size <= MARKDOWN_MAX_BYTES && valid && !has_nul;
	if (!ok && rc == 0)
		fuzz_fail("accepted: too long, bad UTF-8 or a NUL", NULL);
	if (rc == 0)
		return;
	if (rc != -1 || !p->message)
		fuzz_fail("a refusal without a message", NULL);
	size_t n = strnlen(p->detail, sizeof(p->detail));
	if (n == sizeof(p->detail) || !text_utf8_valid(p->detail, n, NULL))
		fuzz_fail("a detail that is not a UTF-8 string", NULL);
	if (p->line < 0 || p->column < 0)
		fuzz_fail("a negative position", NULL);
	if (!valid && (!has_nul ||
		       (const uint8_t *)memchr(data, '\0', size) > data + bad)) {
		char want[32];
		snprintf(want, sizeof(want), "%zu", bad);
		if (strcmp(p->detail, want) != 0)
			fuzz_fail("the wrong offset for bad UTF-8", NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct markdown_problem p;
	int rc = markdown_check(text, size, &p);
	check_problem(data, size, rc, &p);

	struct buf html = BUF_INIT;
	markdown_to_html(&html, text, size, (int)(size % 4)); /* any shift */
	check_html(buf_str(&html), rc == 0);
	buf_release(&html);

	if (rc == 0 && size < 2000) {
		static const struct note_doc_meta meta = {
			"Organisation", "Compte rendu", "Titre", "1er mars",
			"Auteur", "Validateur", "fr", "Date", "Rédigé par",
			"Validé par", "Page",
		};
		char err[256];
		struct buf out = BUF_INIT;
		if (note_docx_write(&out, &meta, text, size, err,
				    sizeof(err)) != 0)
			fuzz_fail(err, NULL);
		if (out.len < 4 || memcmp(out.data, "PK\003\004", 4) != 0)
			fuzz_fail("the DOCX is not a zip", NULL);
		buf_reset(&out);
		if (note_odt_write(&out, &meta, text, size, err,
				   sizeof(err)) != 0)
			fuzz_fail(err, NULL);
		if (out.len < 4 || memcmp(out.data, "PK\003\004", 4) != 0)
			fuzz_fail("the ODT is not a zip", NULL);
		buf_release(&out);
	}
	return 0;
}
