/* contentline.c - see contentline.h. */
#include "io/contentline.h"

#include "base/text.h"

void contentline_escape(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '\\':
			rep = "\\\\";
			break;
		case ',':
			rep = "\\,";
			break;
		case ';':
			rep = "\\;";
			break;
		case '\n':
			rep = "\\n";
			break;
		default:
			continue;
		}
		buf_append(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_append(out, s + start, n - start);
}

void contentline_fold(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t col = 0, i = 0;
	while (i < n) {
		/* A backslash goes with the character after it (in a value
		 * that is not escaped, a URL, that may be any character). */
		size_t lead = s[i] == '\\' && i + 1 < n ? 1 : 0;
		size_t unit = text_utf8_seq(u + i + lead, n - i - lead);
		unit = lead + (unit ? unit : 1);
		if (col + unit > CONTENTLINE_MAX) {
			buf_append(out, "\r\n ", 3);
			col = 1;
		}
		buf_append(out, s + i, unit);
		col += unit;
		i += unit;
	}
	buf_append(out, "\r\n", 2);
}
