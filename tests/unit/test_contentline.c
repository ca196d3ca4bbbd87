/*
 * test_contentline.c - unit tests of the content lines of vCard and
 * iCalendar (src/io/contentline.c): a text value escaped, a logical line
 * folded.
 *
 *   - contentline-1: escaping, character by character;
 *   - contentline-2: folding, at the edges: 75 octets, a UTF-8 sequence
 *     or an escape that would straddle the cut, a backslash last, bytes
 *     that are not UTF-8;
 *   - contentline-3: folding thousands of lines of escaped text, with
 *     every kind of character at every position: each physical line ends
 *     with CRLF and has at most 75 octets, no cut falls inside a UTF-8
 *     sequence or an escape, and unfolding gives the line back.
 *
 * Build and run from the root:
 *   make build/release/tests/test_contentline &&
 *   build/release/tests/test_contentline
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/contentline.h"

static const char *escaped(struct buf *out, const char *s)
{
	buf_reset(out);
	contentline_escape(out, s, strlen(s));
	return buf_str(out);
}

static const char *folded(struct buf *out, const char *s, size_t n)
{
	buf_reset(out);
	contentline_fold(out, s, n);
	return buf_str(out);
}

/* ---- contentline-1: escaping ---- */

static void test_escape(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;

	assert_string_equal(escaped(&out, ""), "");
	assert_string_equal(escaped(&out, "Basse-Terre"), "Basse-Terre");
	assert_string_equal(escaped(&out, "\\"), "\\\\");
	assert_string_equal(escaped(&out, ","), "\\,");
	assert_string_equal(escaped(&out, ";"), "\\;");
	assert_string_equal(escaped(&out, "\n"), "\\n");
	assert_string_equal(escaped(&out, "Réunion; ordre du jour, suite\n"
				    "C:\\dossier"),
			    "Réunion\\; ordre du jour\\, suite\\nC:\\\\dossier");
	/* Left as they are: what the caller cleans, and ':' '"' tab CR. */
	assert_string_equal(escaped(&out, "a:b\"c\td\re"), "a:b\"c\td\re");

	/* Appended to what is there. */
	buf_reset(&out);
	buf_puts(&out, "NOTE:");
	contentline_escape(&out, "x,y", 3);
	assert_string_equal(buf_str(&out), "NOTE:x\\,y");
	buf_release(&out);
}

/* ---- contentline-2: folding at the edges ---- */

/* "NOTE:" then `fill` times 'a' then tail. */
static void make_line(struct buf *line, size_t fill, const char *tail)
{
	buf_reset(line);
	buf_puts(line, "NOTE:");
	for (size_t i = 0; i < fill; i++)
		buf_putc(line, 'a');
	buf_puts(line, tail);
}

static void test_fold_edges(void **state)
{
	(void)state;
	struct buf line = BUF_INIT, out = BUF_INIT, want = BUF_INIT;

	/* contentline-2.1: empty, short. */
	assert_string_equal(folded(&out, "", 0), "\r\n");
	assert_string_equal(folded(&out, "VERSION:4.0", 11),
			    "VERSION:4.0\r\n");

	/* contentline-2.2: 75 octets stay whole; 76 are cut after 75, and
	 * the next line counts its space. */
	make_line(&line, 70, "");
	assert_int_equal(line.len, CONTENTLINE_MAX);
	buf_reset(&want);
	buf_append(&want, line.data, line.len);
	buf_puts(&want, "\r\n");
	assert_string_equal(folded(&out, line.data, line.len), want.data);
	make_line(&line, 71 + 74 + 1, "");
	buf_reset(&want);
	buf_append(&want, line.data, 75);
	buf_puts(&want, "\r\n ");
	buf_append(&want, line.data + 75, 74);
	buf_puts(&want, "\r\n ");
	buf_append(&want, line.data + 149, line.len - 149);
	buf_puts(&want, "\r\n");
	assert_string_equal(folded(&out, line.data, line.len), want.data);

	/* contentline-2.3: a sequence that would straddle the cut goes to
	 * the next line whole (2, 3 and 4 octets); so does an escape, and a
	 * backslash with the sequence after it (which the vCard writer once
	 * cut in two). */
	static const char *const units[] = { "é", "€", "😀", "\\,", "\\\\",
					     "\\é", "\\😀" };
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		make_line(&line, 69, units[k]);
		buf_reset(&want);
		buf_append(&want, line.data, 74);
		buf_puts(&want, "\r\n ");
		buf_puts(&want, units[k]);
		buf_puts(&want, "\r\n");
		assert_string_equal(folded(&out, line.data, line.len),
				    want.data);
	}
	make_line(&line, 68, "\\é");
	buf_reset(&want);
	buf_append(&want, line.data, 73);
	buf_puts(&want, "\r\n \\é\r\n");
	assert_string_equal(folded(&out, line.data, line.len), want.data);

	/* contentline-2.4: a backslash last, alone; bytes that are not
	 * UTF-8, one at a time. */
	make_line(&line, 70, "\\");
	assert_string_equal(folded(&out, line.data, line.len) + 75,
			    "\r\n \\\r\n");
	make_line(&line, 69, "\xC3\xFF");
	assert_string_equal(folded(&out, line.data, line.len) + 74,
			    "\xC3\r\n \xFF\r\n");

	buf_release(&line);
	buf_release(&out);
	buf_release(&want);
}

/* ---- contentline-3: folding everything ---- */

/*
 * Check that `out` is line[0..n) folded: physical lines ending with CRLF,
 * of at most CONTENTLINE_MAX octets, the next ones starting with a space;
 * unfolded, the line; no cut inside a UTF-8 sequence, nor after the
 * backslash of an escape (line is escaped text: its backslashes begin
 * escapes).
 */
static void check_folded(const struct buf *out, const char *line, size_t n)
{
	const char *p = out->data, *end = out->data + out->len;
	size_t at = 0; /* offset in line */
	int first = 1;
	while (p < end) {
		const char *crlf = memmem(p, (size_t)(end - p), "\r\n", 2);
		assert_non_null(crlf);
		size_t len = (size_t)(crlf - p);
		assert_true(len <= CONTENTLINE_MAX);
		if (!first) {
			assert_true(len >= 2);
			assert_int_equal(p[0], ' ');
			p++;
			len--;
			/* The cut, between line[at - 1] and line[at]. */
			assert_true(((unsigned char)line[at] & 0xC0) != 0x80);
			size_t slashes = 0;
			while (slashes < at && line[at - 1 - slashes] == '\\')
				slashes++;
			assert_int_equal(slashes % 2, 0);
		}
		assert_true(at + len <= n);
		assert_memory_equal(p, line + at, len);
		at += len;
		p = crlf + 2;
		first = 0;
	}
	assert_int_equal(at, n);
}

static void test_fold_everything(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", " ", ",", ";", "\\", "\n", "é", "€", "😀", "Œuvre",
	};
	enum { PIECES = sizeof(pieces) / sizeof(pieces[0]) };
	struct buf text = BUF_INIT, line = BUF_INIT, out = BUF_INIT;
	uint32_t seed = 12345;

	for (int round = 0; round < 5000; round++) {
		buf_reset(&text);
		size_t pieces_wanted = (size_t)(round % 120);
		for (size_t i = 0; i < pieces_wanted; i++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&text, pieces[(seed >> 16) % PIECES]);
		}
		buf_reset(&line);
		buf_puts(&line, round % 2 ? "NOTE:" : "X-WR-CALNAME:");
		contentline_escape(&line, buf_str(&text), text.len);
		assert_true(text_utf8_valid(line.data, line.len, NULL));
		buf_reset(&out);
		contentline_fold(&out, line.data, line.len);
		check_folded(&out, line.data, line.len);
	}
	buf_release(&text);
	buf_release(&line);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_fold_edges),
		cmocka_unit_test(test_fold_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
