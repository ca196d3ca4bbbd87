/*
 * test_markdown.c - unit tests of the Markdown policy and its HTML
 * (src/io/markdown.c).
 *
 * Each refusal test gives the text, and checks the message, the detail
 * and where the problem is said to start (line, column in characters).
 *
 * Build and run:
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror \
 *     -Isrc -fsanitize=address,undefined tests/unit/test_markdown.c \
 *     src/io/markdown.c src/base/text.c src/base/buf.c src/base/arena.c \
 *     $(pkg-config --cflags --libs libcmark-gfm icu-uc icu-i18n) \
 *     -lcmark-gfm-extensions -lpthread -lcmocka \
 *     -o /tmp/test_markdown && /tmp/test_markdown
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "io/markdown.h"

static const char ordinary_note[] =
	"# Compte rendu du comité\n"
	"\n"
	"Présents : **Mme Durand**, *M. Papadópoulos*, ~~M. Absent~~.\n"
	"\n"
	"## Décisions\n"
	"\n"
	"1. Valider le budget\n"
	"2. Préparer la réunion\n"
	"   - ordre du jour\n"
	"   - salle\n"
	"\n"
	"| Action | Qui | Quand |\n"
	"|--------|:---:|------:|\n"
	"| Note   | ÉD  | lundi |\n"
	"\n"
	"Voir [le site](https://example.org/a?b=1&c=2), "
	"[l'annexe](annexe.pdf), [plus haut](#decisions), "
	"[la page](/notes/12), [un courriel](mailto:a@example.org), "
	"<https://example.org> et www.example.org ou a@example.org.\n"
	"\n"
	"![logo](https://example.org/logo.png)\n"
	"\n"
	"> Une citation, `du code` et 3 < 4 & 5 > 2.\n"
	"\n"
	"```\n"
	"<script>ceci est du code, pas du HTML</script>\n"
	"```\n";

/* Check text (len bytes) and return the problem; the test fails when it
 * is accepted. */
static struct markdown_problem refused(const char *text, size_t len)
{
	struct markdown_problem p;
	memset(&p, 0x55, sizeof(p));
	assert_int_equal(markdown_check(text, len, &p), -1);
	assert_non_null(p.message);
	return p;
}

static struct markdown_problem refused_str(const char *text)
{
	return refused(text, strlen(text));
}

/* The HTML of a NUL-terminated text, malloc'd. */
static char *html_of(const char *text)
{
	struct buf b = BUF_INIT;
	markdown_to_html(&b, text, strlen(text), 0);
	return buf_detach(&b, NULL);
}

static void test_accepts_ordinary_note(void **state)
{
	(void)state;
	struct markdown_problem p;
	assert_int_equal(markdown_check(ordinary_note, strlen(ordinary_note),
					&p), 0);
	assert_int_equal(markdown_check("", 0, &p), 0);
	assert_int_equal(markdown_check(NULL, 0, NULL), 0);
	/* "<" that makes no tag is text. */
	const char *plain = "a < b, 3<4, x <= y, <> and 1 <2\n";
	assert_int_equal(markdown_check(plain, strlen(plain), &p), 0);
}

static void test_refuses_raw_html(void **state)
{
	(void)state;
	struct markdown_problem p = refused_str(
		"# Titre\n\n<script>alert(1)</script>\n");
	assert_string_equal(p.message,
			    "Raw HTML is not allowed in a note: {}.");
	assert_string_equal(p.detail, "<script>");
	assert_int_equal(p.line, 3);
	assert_int_equal(p.column, 1);

	/* Inline, the column counted in characters: "é" is two bytes. */
	p = refused_str("Un mot en <b>gras</b>.\n");
	assert_string_equal(p.detail, "<b>");
	assert_int_equal(p.line, 1);
	assert_int_equal(p.column, 11);
	p = refused_str("Déjà été <b>gras</b>.\n");
	assert_int_equal(p.column, 10);

	p = refused_str("Texte\n\n<!-- un commentaire -->\n");
	assert_string_equal(p.detail, "<!-- un commentaire -->");
	assert_int_equal(p.line, 3);

	p = refused_str("a <!-- x --> b\n");
	assert_string_equal(p.detail, "<!-- x -->");

	p = refused_str("<iframe src=\"https://evil.example\"></iframe>\n");
	assert_string_equal(p.detail, "<iframe src=\"https://evil.example\">");

	p = refused_str("x <img src=x onerror=alert(1)> y\n");
	assert_string_equal(p.detail, "<img src=x onerror=alert(1)>");

	p = refused_str("</div>\n");
	assert_string_equal(p.detail, "</div>");

	/* A long tag is cut, never in the middle of a character. */
	char long_tag[400];
	snprintf(long_tag, sizeof(long_tag), "<a href=\"%s\">x</a>\n",
		 "ééééééééééééééééééééééééééééééééééééééééééééééééé");
	p = refused_str(long_tag);
	assert_true(strlen(p.detail) <= 60);
	assert_true(strncmp(p.detail, "<a href=\"ééé", 15) == 0);
	assert_int_equal(strlen(p.detail), 59);
}

static void test_refuses_schemes(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *detail;
		int image;
	} cases[] = {
		{ "[x](javascript:alert(1))", "javascript:", 0 },
		{ "[x](JaVaScRiPt:alert(1))", "javascript:", 0 },
		{ "[x](<java\tscript:alert(1)>)", "javascript:", 0 },
		{ "[x](<java\nscript:alert(1)>)", NULL, 0 }, /* not a link */
		{ "[x](<javascript\x01:alert(1)>)", "javascript:", 0 },
		{ "[x](<  javascript:alert(1)>)", "javascript:", 0 },
		{ "[x](&#106;avascript:alert(1))", "javascript:", 0 },
		{ "[x](java&#9;script:alert(1))", "javascript:", 0 },
		{ "<javascript:alert(1)>", "javascript:", 0 },
		{ "[x][r]\n\n[r]: javascript:alert(1)", "javascript:", 0 },
		{ "[x](vbscript:msgbox)", "vbscript:", 0 },
		{ "[x](file:///etc/passwd)", "file:", 0 },
		{ "[x](tel:+33123456789)", "tel:", 0 },
		{ "[x](ftp://example.org)", "ftp:", 0 },
		{ "![x](data:image/png;base64,iVBORw0KGgo=)", "data:", 1 },
		{ "![x](DATA:text/html,<script>)", "data:", 1 },
		{ "![x](javascript:alert(1))", "javascript:", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct markdown_problem p;
		int rc = markdown_check(cases[i].text, strlen(cases[i].text),
					&p);
		if (!cases[i].detail) {
			assert_int_equal(rc, 0);
			continue;
		}
		if (rc != -1)
			fail_msg("accepted: %s", cases[i].text);
		assert_string_equal(p.detail, cases[i].detail);
		assert_string_equal(p.message, cases[i].image ?
			"Images may only come from http: or https: "
			"addresses, not {}." :
			"Links may only lead to http:, https: or mailto: "
			"addresses, not {}.");
		assert_int_equal(p.line, 1);
		assert_int_equal(p.column, 1);
	}
	/* The position of a link further on. */
	struct markdown_problem p = refused_str(
		"Voici\n\nun [lien](javascript:x) ici\n");
	assert_int_equal(p.line, 3);
	assert_int_equal(p.column, 4);
}

static void test_url_kind(void **state)
{
	(void)state;
	static const struct {
		const char *url;
		enum markdown_url kind;
	} cases[] = {
		{ "https://example.org", MARKDOWN_URL_ABSOLUTE },
		{ "HTTP://example.org", MARKDOWN_URL_ABSOLUTE },
		{ "mailto:a@example.org", MARKDOWN_URL_ABSOLUTE },
		{ "  https://example.org", MARKDOWN_URL_ABSOLUTE },
		{ "", MARKDOWN_URL_RELATIVE },
		{ "#top", MARKDOWN_URL_RELATIVE },
		{ "?page=2", MARKDOWN_URL_RELATIVE },
		{ "/notes/12", MARKDOWN_URL_RELATIVE },
		{ "//example.org/x", MARKDOWN_URL_RELATIVE },
		{ "annexe.pdf", MARKDOWN_URL_RELATIVE },
		{ "a/b:c", MARKDOWN_URL_RELATIVE },
		{ "page#x:y", MARKDOWN_URL_RELATIVE },
		{ "javascript:alert(1)", MARKDOWN_URL_REFUSED },
		{ "jav\tas\ncript:x", MARKDOWN_URL_REFUSED },
		{ "https\x01x:", MARKDOWN_URL_REFUSED },
		{ "httpss:x", MARKDOWN_URL_REFUSED },
		{ "http", MARKDOWN_URL_RELATIVE },
		{ "mailtox:a", MARKDOWN_URL_REFUSED },
		{ "data:,x", MARKDOWN_URL_REFUSED },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (markdown_url_kind(cases[i].url, NULL, 0) != cases[i].kind)
			fail_msg("%s: not kind %d", cases[i].url,
				 (int)cases[i].kind);
	assert_int_equal(markdown_url_kind(NULL, NULL, 0),
			 MARKDOWN_URL_RELATIVE);
	char scheme[8];
	assert_int_equal(markdown_url_kind("VeryLongScheme:x", scheme,
					   sizeof(scheme)),
			 MARKDOWN_URL_REFUSED);
	assert_string_equal(scheme, "verylon");
	assert_int_equal(markdown_url_kind("https:x", scheme, sizeof(scheme)),
			 MARKDOWN_URL_ABSOLUTE);
	assert_string_equal(scheme, "");
}

static void test_refuses_bad_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *offset;
		int line, column;
	} cases[] = {
		{ "abc\n\xC3(", 6, "4", 2, 1 },
		{ "\xFF", 1, "0", 1, 1 },
		{ "été\xE9t\xE9", 8, "5", 1, 4 },          /* Latin-1 é */
		{ "ok\r\nok\r\xC0\xAF", 9, "7", 3, 1 },     /* overlong */
		{ "x \xED\xA0\x80", 5, "2", 1, 3 },         /* surrogate */
		{ "x \xF4\x90\x80\x80", 6, "2", 1, 3 },     /* > U+10FFFF */
		{ "fin \xE2\x82", 6, "4", 1, 5 },           /* cut short */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct markdown_problem p = refused(cases[i].bytes,
						    cases[i].len);
		assert_string_equal(p.message,
				    "The text is not valid UTF-8 (byte {}).");
		assert_string_equal(p.detail, cases[i].offset);
		assert_int_equal(p.line, cases[i].line);
		assert_int_equal(p.column, cases[i].column);
	}
}

static void test_refuses_nul_and_length(void **state)
{
	(void)state;
	struct markdown_problem p = refused("ab\ncé\0d", 8);
	assert_string_equal(p.message,
			    "The text holds a NUL character (byte {}).");
	assert_string_equal(p.detail, "6");
	assert_int_equal(p.line, 2);
	assert_int_equal(p.column, 3);
	/* The first of NUL and bad UTF-8 is the one reported. */
	p = refused("\xFF\0", 2);
	assert_string_equal(p.detail, "0");
	assert_string_equal(p.message,
			    "The text is not valid UTF-8 (byte {}).");

	char *big = malloc(MARKDOWN_MAX_BYTES + 1);
	assert_non_null(big);
	memset(big, 'a', MARKDOWN_MAX_BYTES + 1);
	for (size_t i = 80; i < MARKDOWN_MAX_BYTES; i += 81)
		big[i] = '\n';
	assert_int_equal(markdown_check(big, MARKDOWN_MAX_BYTES, NULL), 0);
	p = refused(big, MARKDOWN_MAX_BYTES + 1);
	assert_string_equal(p.message, "A note may hold at most {} bytes.");
	assert_string_equal(p.detail, "200000");
	assert_int_equal(p.line, 0);
	free(big);
}

static void test_html(void **state)
{
	(void)state;
	char *h = html_of(ordinary_note);
	assert_non_null(strstr(h, "<h1>Compte rendu du comité</h1>"));
	assert_non_null(strstr(h, "<table>"));
	assert_non_null(strstr(h, "<th align=\"center\">Qui</th>"));
	assert_non_null(strstr(h, "<td align=\"right\">lundi</td>"));
	assert_non_null(strstr(h, "<del>M. Absent</del>"));
	assert_non_null(strstr(h, "<ol>"));
	assert_non_null(strstr(h, "href=\"https://example.org/a?b=1&amp;c=2\""));
	assert_non_null(strstr(h, "href=\"http://www.example.org\""));
	assert_non_null(strstr(h, "href=\"mailto:a@example.org\""));
	assert_non_null(strstr(h, "3 &lt; 4 &amp; 5 &gt; 2"));
	assert_non_null(strstr(h, "&lt;script&gt;ceci"));
	assert_null(strcasestr(h, "<script"));
	free(h);

	/* Whatever the text, no raw HTML and no refused destination. */
	h = html_of("<script>alert(1)</script>\n\n"
		    "a <b onclick=x>b</b> <SCRIPT>x</SCRIPT>\n\n"
		    "[x](javascript:alert(1)) [y](<java\tscript:z>) "
		    "![i](data:image/png;base64,AAAA) "
		    "<iframe src=x></iframe>\n");
	assert_null(strcasestr(h, "<script"));
	assert_null(strcasestr(h, "<iframe"));
	assert_null(strcasestr(h, "<b "));
	assert_null(strcasestr(h, "javascript"));
	assert_null(strcasestr(h, "java%09script"));
	assert_null(strstr(h, "data:"));
	assert_non_null(strstr(h, "<a href=\"\">x</a>"));
	assert_non_null(strstr(h, "<img src=\"\" alt=\"i\" />"));
	free(h);

	/* Invalid bytes and NUL come out as U+FFFD. */
	struct buf b = BUF_INIT;
	markdown_to_html(&b, "a\xFF" "b\0c", 5, 0);
	assert_string_equal(buf_str(&b),
			    "<p>a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c</p>\n");
	buf_release(&b);
	/* Appends. */
	buf_puts(&b, "<div>");
	markdown_to_html(&b, "*x*", 3, 0);
	assert_string_equal(buf_str(&b), "<div><p><em>x</em></p>\n");
	buf_release(&b);
	/* Headings shifted under the page's, h6 at most. */
	markdown_to_html(&b, "# a\n\n#### b\n\n###### c\n", 22, 2);
	assert_string_equal(buf_str(&b), "<h3>a</h3>\n<h6>b</h6>\n<h6>c</h6>\n");
	buf_release(&b);
}

/*
 * Parses in several threads give what one parse gives.  cmark-gfm 0.29
 * adds the extensions' characters to a global table for the time of a
 * parse: without the lock in markdown.c, a parse ending in one thread
 * takes "~" away from a parse going on in another, and a strikethrough
 * stays text.  A long text keeps the parses overlapping.
 */
#define THREADS 4
#define ROUNDS 40

static char threaded_text[12000];

static void *threaded_parse(void *arg)
{
	const char *want = arg;
	for (int i = 0; i < ROUNDS; i++) {
		struct buf b = BUF_INIT;
		markdown_to_html(&b, threaded_text, strlen(threaded_text), 0);
		int same = strcmp(buf_str(&b), want) == 0;
		buf_release(&b);
		if (!same)
			return (void *)1;
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	threaded_text[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(threaded_text, "~~barré~~ et www.example.org\n");
	char *want = html_of(threaded_text);
	assert_non_null(strstr(want, "<del>barré</del>"));
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, threaded_parse,
						want), 0);
	for (int i = 0; i < THREADS; i++) {
		void *rc;
		assert_int_equal(pthread_join(t[i], &rc), 0);
		assert_null(rc);
	}
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_ordinary_note),
		cmocka_unit_test(test_refuses_raw_html),
		cmocka_unit_test(test_refuses_schemes),
		cmocka_unit_test(test_url_kind),
		cmocka_unit_test(test_refuses_bad_utf8),
		cmocka_unit_test(test_refuses_nul_and_length),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
