/*
 * fuzz_html.c - libFuzzer target for the HTML writer (src/web/html.c).
 *
 * The input, NUL-terminated, is written with html_text(), html_attr(),
 * html_attr_url(), html_message() and html_escape_into().  Checks:
 *   - escaped output never holds a raw < > " ' and every & starts one of
 *     the entities the writer emits (&amp; &lt; &gt; &quot; &#39;);
 *     unescaped, it gives the input back;
 *   - an attribute is exactly ` name="escaped value"`;
 *   - html_attr_url() writes either "#" or the URL itself, and the URL
 *     only when html_url_is_safe() accepts it;
 *   - whatever it writes into an href, read the way a browser reads a URL
 *     (leading and trailing C0 controls and spaces dropped, tabs and line
 *     breaks removed anywhere, '\' as '/'), is a relative reference that is
 *     not scheme-relative ("//host"), or has the scheme http, https,
 *     mailto or tel: never javascript:, data:, vbscript: or another.
 *
 * Build and run: sh tests/fuzz/run.sh (seeds in tests/fuzz/corpus/html/).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/buf.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_html: %s: \"%s\"\n", what, detail ? detail : "(null)");
	abort();
}

static const char *const entities[][2] = {
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
};

/* Check escaped[0..len) and return it unescaped (malloc'd). */
static char *check_escaped(const char *escaped, size_t len)
{
	char *out = malloc(len + 1), *p = out;
	if (!out)
		abort();
	for (size_t i = 0; i < len;) {
		char c = escaped[i];
		if (c == '<' || c == '>' || c == '"' || c == '\'')
			fuzz_fail("raw special character in escaped output", escaped);
		if (c != '&') {
			*p++ = c;
			i++;
			continue;
		}
		size_t e = 0;
		while (e < sizeof(entities) / sizeof(entities[0]) &&
		       strncmp(escaped + i, entities[e][0], strlen(entities[e][0])) != 0)
			e++;
		if (e == sizeof(entities) / sizeof(entities[0]))
			fuzz_fail("'&' that starts no entity of ours", escaped + i);
		*p++ = entities[e][1][0];
		i += strlen(entities[e][0]);
	}
	*p = '\0';
	return out;
}

static void check_text_round_trip(const char *escaped, size_t len, const char *want)
{
	char *back = check_escaped(escaped, len);
	if (strcmp(back, want) != 0)
		fuzz_fail("unescaped output differs from the input", want);
	free(back);
}

/* ` name="..."` in out: the unescaped value (malloc'd). */
static char *check_attribute(const struct buf *out, const char *name)
{
	size_t n = strlen(name);
	const char *s = buf_str(out);
	if (out->len < n + 4 || s[0] != ' ' || strncmp(s + 1, name, n) != 0 || s[n + 1] != '=' || s[n + 2] != '"' ||
	    s[out->len - 1] != '"')
		fuzz_fail("malformed attribute", s);
	return check_escaped(s + n + 3, out->len - n - 4);
}

/* The URL as a browser reads it: leading and trailing C0 controls and
 * spaces stripped, tab/LF/CR removed anywhere, backslashes as slashes. */
static char *browser_url(const char *url)
{
	size_t len = strlen(url);
	while (len && (unsigned char)url[len - 1] <= ' ')
		len--;
	while (len && (unsigned char)*url <= ' ') {
		url++;
		len--;
	}
	char *out = malloc(len + 1), *p = out;
	if (!out)
		abort();
	for (size_t i = 0; i < len; i++) {
		if (url[i] == '\t' || url[i] == '\n' || url[i] == '\r')
			continue;
		*p++ = url[i] == '\\' ? '/' : url[i];
	}
	*p = '\0';
	return out;
}

/* Would a browser follow href to somewhere harmless? */
static void check_href(const char *href)
{
	if (strcmp(href, "#") == 0)
		return;
	char *u = browser_url(href);
	/* A scheme: letters, digits, + - . after a first letter, then ':',
	 * before any '/', '?' or '#'. */
	size_t i = 0;
	if (isalpha((unsigned char)u[0])) {
		i = 1;
		while (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' || u[i] == '.')
			i++;
	}
	if (i > 0 && u[i] == ':') {
		static const char *const allowed[] = {"http", "https", "mailto", "tel"};
		int ok = 0;
		for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
			ok |= strlen(allowed[k]) == i && strncasecmp(u, allowed[k], i) == 0;
		if (!ok)
			fuzz_fail("href with a scheme other than http, https, mailto, tel", href);
	} else if (u[0] == '/' && u[1] == '/') {
		fuzz_fail("href that a browser reads as scheme-relative (//host)", href);
	}
	if (strncasecmp(u, "javascript:", 11) == 0)
		fuzz_fail("javascript: in an href", href);
	free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	struct html h = {.out = &out, .arena = &a, .lang = LANG_FR};

	/* Text. */
	html_text(&h, s);
	check_text_round_trip(buf_str(&out), out.len, s);
	buf_reset(&out);
	html_text(&h, NULL);
	if (out.len)
		fuzz_fail("html_text(NULL) wrote something", buf_str(&out));

	/* The same through html_escape_into. */
	html_escape_into(&out, s);
	check_text_round_trip(buf_str(&out), out.len, s);
	buf_reset(&out);

	/* An attribute. */
	html_attr(&h, "title", s);
	char *value = check_attribute(&out, "title");
	if (strcmp(value, s) != 0)
		fuzz_fail("attribute value differs from the input", s);
	free(value);
	buf_reset(&out);

	/* A URL. */
	int safe = html_url_is_safe(s);
	html_attr_url(&h, "href", s);
	value = check_attribute(&out, "href");
	if (strcmp(value, "#") != 0 && (strcmp(value, s) != 0 || !safe))
		fuzz_fail("html_attr_url wrote something other than \"#\" or a safe URL", s);
	if (strcmp(value, "#") == 0 && safe && strcmp(s, "#") != 0)
		fuzz_fail("html_attr_url replaced a safe URL", s);
	check_href(value);
	free(value);
	buf_reset(&out);

	/* A message with the input as its detail, and as its msgid (no
	 * catalogue is loaded: the msgid is the message). */
	html_message(&h, "Unknown value: {}.", s);
	char *msg = check_escaped(buf_str(&out), out.len);
	if (strncmp(msg, "Unknown value: ", 15) != 0 || strncmp(msg + 15, s, strlen(s)) != 0 ||
	    strcmp(msg + 15 + strlen(s), ".") != 0)
		fuzz_fail("message detail not substituted", s);
	free(msg);
	buf_reset(&out);
	html_message(&h, s, "<b>");
	msg = check_escaped(buf_str(&out), out.len);
	free(msg);
	buf_reset(&out);

	buf_release(&out);
	arena_release(&a);
	free(s);
	return 0;
}
