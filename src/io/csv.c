/* csv.c - see csv.h. */
#include "io/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#define CSV_DETECT_BYTES ((size_t)64 * 1024)
#define CSV_DETECT_ROWS 50

struct csv_reader {
	const char *data;
	size_t len;
	size_t pos;  /* next byte to read */
	size_t line; /* physical line of data[pos], 1-based */
	char separator;
	int state;   /* 1 reading, 0 at end, -1 in error */
	size_t max_field;
	size_t max_fields;
	size_t row_line;

	struct buf text;       /* the current row's fields, each NUL-ended */
	size_t *offsets;       /* where each field starts in text */
	size_t *lens;
	const char **fields;
	size_t cap;            /* of offsets, lens and fields */

	enum csv_errcode err;
	struct csv_position err_at;
	char message[160];
};

static int csv_separator_ok(char c)
{
	return c != '"' && c != '\r' && c != '\n' && c != '\0';
}

struct csv_reader *csv_reader_new(const char *data, size_t len,
				  char separator)
{
	if (separator == 0)
		separator = csv_detect_separator(data, len);
	if (!csv_separator_ok(separator))
		return NULL;
	struct csv_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->data = data;
	r->len = data ? len : 0;
	r->line = 1;
	r->separator = separator;
	r->state = 1;
	r->max_field = CSV_DEFAULT_MAX_FIELD;
	r->max_fields = CSV_DEFAULT_MAX_FIELDS;
	if (r->len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	return r;
}

void csv_reader_set_limits(struct csv_reader *r, size_t max_field,
			   size_t max_fields)
{
	if (max_field)
		r->max_field = max_field;
	if (max_fields)
		r->max_fields = max_fields;
}

char csv_separator(const struct csv_reader *r)
{
	return r->separator;
}

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	buf_release(&r->text);
	free(r->offsets);
	free(r->lens);
	free(r->fields);
	free(r);
}

/* Record the first error and make the reader stick to it.  Returns -1. */
static int csv_fail(struct csv_reader *r, enum csv_errcode code, size_t line,
		    size_t column, size_t byte)
{
	static const char *const what[] = {
		[CSV_OK] = "no error",
		[CSV_ERR_UNBALANCED_QUOTE] = "unbalanced quote: the quoted "
			"field opened here is never closed",
		[CSV_ERR_TEXT_AFTER_QUOTE] = "unexpected text after a closing "
			"quote (expected a separator or a line end)",
		[CSV_ERR_FIELD_TOO_LONG] = "field too long",
		[CSV_ERR_TOO_MANY_FIELDS] = "too many fields in one row",
		[CSV_ERR_NOMEM] = "out of memory",
	};
	r->state = -1;
	r->err = code;
	r->err_at.line = line;
	r->err_at.column = column;
	r->err_at.byte = byte;
	if (code == CSV_ERR_FIELD_TOO_LONG)
		snprintf(r->message, sizeof(r->message),
			 "line %zu, column %zu (byte %zu): %s (over %zu bytes)",
			 line, column, byte, what[code], r->max_field);
	else if (code == CSV_ERR_TOO_MANY_FIELDS)
		snprintf(r->message, sizeof(r->message),
			 "line %zu, column %zu (byte %zu): %s (over %zu)",
			 line, column, byte, what[code], r->max_fields);
	else
		snprintf(r->message, sizeof(r->message),
			 "line %zu, column %zu (byte %zu): %s",
			 line, column, byte, what[code]);
	return -1;
}

/* Make room for field number `n` (0-based) in the field index. */
static int csv_index_reserve(struct csv_reader *r, size_t n)
{
	if (n < r->cap)
		return 0;
	size_t cap = r->cap ? r->cap * 2 : 16;
	if (cap > SIZE_MAX / sizeof(size_t))
		return -1;
	size_t *offsets = realloc(r->offsets, cap * sizeof(*offsets));
	if (!offsets)
		return -1;
	r->offsets = offsets;
	size_t *lens = realloc(r->lens, cap * sizeof(*lens));
	if (!lens)
		return -1;
	r->lens = lens;
	const char **fields = realloc(r->fields, cap * sizeof(*fields));
	if (!fields)
		return -1;
	r->fields = fields;
	r->cap = cap;
	return 0;
}

/* Count the line ends in data[from..to): LF, and CR not followed by LF. */
static size_t csv_count_lines(const struct csv_reader *r, size_t from,
			      size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++) {
		if (r->data[i] == '\n')
			n++;
		else if (r->data[i] == '\r' &&
			 (i + 1 >= r->len || r->data[i + 1] != '\n'))
			n++;
	}
	return n;
}

/*
 * Read one field starting at r->pos into the text buffer, leaving r->pos
 * on the byte that ends it (separator, CR, LF) or at the end of data.
 * `column` is the field's 1-based number, for errors.
 */
static int csv_read_field(struct csv_reader *r, size_t column)
{
	const char *d = r->data;
	size_t start_byte = r->pos;
	size_t start_line = r->line;
	size_t got = 0;

	if (r->pos < r->len && d[r->pos] == '"') {
		r->pos++;
		for (;;) {
			const char *q = memchr(d + r->pos, '"',
					       r->len - r->pos);
			if (!q)
				return csv_fail(r, CSV_ERR_UNBALANCED_QUOTE,
						start_line, column, start_byte);
			size_t end = (size_t)(q - d);
			size_t n = end - r->pos;
			int escaped = end + 1 < r->len && d[end + 1] == '"';
			if (n + escaped > r->max_field - got)
				return csv_fail(r, CSV_ERR_FIELD_TOO_LONG,
						start_line, column, start_byte);
			r->line += csv_count_lines(r, r->pos, end);
			buf_append(&r->text, d + r->pos, n + escaped);
			got += n + escaped;
			r->pos = end + 1 + escaped;
			if (!escaped)
				break;
		}
		if (r->pos < r->len) {
			char c = d[r->pos];
			if (c != r->separator && c != '\r' && c != '\n')
				return csv_fail(r, CSV_ERR_TEXT_AFTER_QUOTE,
						r->line, column, r->pos);
		}
		return 0;
	}

	size_t end = r->pos;
	while (end < r->len) {
		char c = d[end];
		if (c == r->separator || c == '\r' || c == '\n')
			break;
		end++;
	}
	if (end - r->pos > r->max_field)
		return csv_fail(r, CSV_ERR_FIELD_TOO_LONG, start_line, column,
				start_byte);
	buf_append(&r->text, d + r->pos, end - r->pos);
	r->pos = end;
	return 0;
}

int csv_next_row(struct csv_reader *r, struct csv_row *row)
{
	if (r->state != 1)
		return r->state;
	if (r->pos >= r->len) {
		r->state = 0;
		return 0;
	}
	r->row_line = r->line;
	buf_reset(&r->text);
	size_t count = 0;
	for (;;) {
		if (count == r->max_fields)
			return csv_fail(r, CSV_ERR_TOO_MANY_FIELDS, r->line,
					count + 1, r->pos);
		if (csv_index_reserve(r, count) < 0)
			return csv_fail(r, CSV_ERR_NOMEM, r->line, count + 1,
					r->pos);
		size_t offset = r->text.len;
		if (csv_read_field(r, count + 1) < 0)
			return -1;
		r->offsets[count] = offset;
		r->lens[count] = r->text.len - offset;
		buf_putc(&r->text, '\0');
		count++;

		if (r->pos >= r->len)
			break;
		char c = r->data[r->pos++];
		if (c == r->separator)
			continue;
		/* A line end: CRLF, LF or a lone CR. */
		if (c == '\r' && r->pos < r->len && r->data[r->pos] == '\n')
			r->pos++;
		r->line++;
		break;
	}
	for (size_t i = 0; i < count; i++)
		r->fields[i] = r->text.data + r->offsets[i];
	row->fields = r->fields;
	row->lens = r->lens;
	row->count = count;
	return 1;
}

const char *csv_error(const struct csv_reader *r)
{
	return r->err == CSV_OK ? "" : r->message;
}

enum csv_errcode csv_error_code(const struct csv_reader *r,
				struct csv_position *where)
{
	if (where)
		*where = r->err_at;
	return r->err;
}

size_t csv_line(const struct csv_reader *r)
{
	return r->row_line;
}

/*
 * How well `separator` splits the start of the data: the number of rows
 * having the most frequent field count, and that count (*fields).  0 when
 * the separator makes no row of two fields or more, or breaks the syntax.
 */
static size_t csv_detect_score(const char *data, size_t len, char separator,
			       size_t *fields)
{
	size_t sample = len > CSV_DETECT_BYTES ? CSV_DETECT_BYTES : len;
	int truncated = sample < len;
	size_t counts[CSV_DETECT_ROWS];
	size_t rows = 0;
	*fields = 0;

	struct csv_reader *r = csv_reader_new(data, sample, separator);
	if (!r)
		return 0;
	struct csv_row row;
	int rc = 0;
	while (rows < CSV_DETECT_ROWS && (rc = csv_next_row(r, &row)) == 1) {
		if (row.count == 1 && row.lens[0] == 0)
			continue;
		counts[rows++] = row.count;
	}
	if (rc < 0) {
		/* A quoted field cut by the sample's end says nothing; any
		 * other error says this is not the separator. */
		int cut = truncated &&
			  csv_error_code(r, NULL) == CSV_ERR_UNBALANCED_QUOTE;
		if (!cut) {
			csv_reader_free(r);
			return 0;
		}
	} else if (rc == 0 && truncated && rows > 0) {
		rows--; /* the last row may be cut by the sample's end */
	}
	csv_reader_free(r);

	size_t best = 0;
	for (size_t i = 0; i < rows; i++) {
		if (counts[i] < 2)
			continue;
		size_t same = 0;
		for (size_t j = 0; j < rows; j++)
			same += counts[j] == counts[i];
		if (same > best || (same == best && counts[i] > *fields)) {
			best = same;
			*fields = counts[i];
		}
	}
	return best;
}

char csv_detect_separator(const char *data, size_t len)
{
	static const char candidates[] = { ',', ';', '\t' };
	char chosen = ',';
	size_t best = 0, best_fields = 0;

	if (!data)
		return chosen;
	for (size_t i = 0; i < sizeof(candidates); i++) {
		size_t fields;
		size_t score = csv_detect_score(data, len, candidates[i],
						&fields);
		if (score > best || (score == best && score > 0 &&
				     fields > best_fields)) {
			best = score;
			best_fields = fields;
			chosen = candidates[i];
		}
	}
	return chosen;
}
