/*
 * fuzz_csv.c - libFuzzer target for the CSV reader (src/io/csv.c).
 *
 * The first input byte picks the separator (',', ';', tab, or detection)
 * and the limits; the rest is the CSV.  Besides memory errors, it checks:
 *   - rows come to an end: never more rows than input bytes (every row
 *     consumes at least one byte), and once 0 or -1, always the same;
 *   - every row has 1..max_fields fields, each at most max_field bytes
 *     and NUL-terminated;
 *   - an error's position lies inside the input, on or after the line
 *     where its row starts;
 *   - round trip: the rows read before the end or the error, written back
 *     (once minimally quoted, once all quoted), read back identical.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "io/csv.h"

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_csv: check failed: %s "         \
				"(%s:%d)\n", #cond, __FILE__, __LINE__);      \
			abort();                                              \
		}                                                             \
	} while (0)

/* Append one field to `out`, quoted when `all` or when it must be. */
static void put_field(struct buf *out, const char *s, size_t n, char sep,
		      int all)
{
	/* A field opening the output with 0xEF might read as a BOM. */
	int quote = all || (out->len == 0 && n > 0 &&
			    (unsigned char)s[0] == 0xEF);
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == sep || s[i] == '"' || s[i] == '\r' ||
			s[i] == '\n';
	if (!quote) {
		buf_append(out, s, n);
		return;
	}
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

/* Read `data` back and compare with the rows rendered in `rows`: each
 * row as its count then, per field, its length and bytes. */
static void check_round_trip(const struct buf *data, char sep,
			     const struct buf *rows)
{
	struct csv_reader *r = csv_reader_new(data->data, data->len, sep);
	FUZZ_CHECK(r != NULL);
	struct buf again = BUF_INIT;
	struct csv_row row;
	int rc;
	while ((rc = csv_next_row(r, &row)) == 1) {
		buf_append(&again, &row.count, sizeof(row.count));
		for (size_t i = 0; i < row.count; i++) {
			buf_append(&again, &row.lens[i], sizeof(row.lens[i]));
			buf_append(&again, row.fields[i], row.lens[i]);
		}
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(again.len == rows->len);
	FUZZ_CHECK(again.len == 0 ||
		   memcmp(again.data, rows->data, rows->len) == 0);
	buf_release(&again);
	csv_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
	static const char separators[] = { ',', ';', '\t', 0 };
	if (size < 1)
		return 0;
	uint8_t control = input[0];
	const char *data = (const char *)input + 1;
	size_t len = size - 1;

	char sep = separators[control & 3];
	size_t max_field = (control & 4) ? 1 + ((control >> 3) & 15) : 0;
	size_t max_fields = (control & 128) ? 1 + ((control >> 3) & 7) : 0;

	char detected = csv_detect_separator(data, len);
	FUZZ_CHECK(detected == ',' || detected == ';' || detected == '\t');

	struct csv_reader *r = csv_reader_new(data, len, sep);
	FUZZ_CHECK(r != NULL);
	csv_reader_set_limits(r, max_field, max_fields);
	sep = csv_separator(r);
	size_t limit_field = max_field ? max_field : CSV_DEFAULT_MAX_FIELD;
	size_t limit_fields = max_fields ? max_fields : CSV_DEFAULT_MAX_FIELDS;

	struct buf rows = BUF_INIT;    /* rendered as check_round_trip() does */
	struct buf minimal = BUF_INIT; /* written back, quoted when needed */
	struct buf quoted = BUF_INIT;  /* written back, every field quoted */
	struct csv_row row;
	size_t nrows = 0, last_line = 0;
	int rc;
	while ((rc = csv_next_row(r, &row)) == 1) {
		nrows++;
		FUZZ_CHECK(nrows <= len);
		FUZZ_CHECK(row.count >= 1 && row.count <= limit_fields);
		FUZZ_CHECK(csv_line(r) > last_line);
		last_line = csv_line(r);
		buf_append(&rows, &row.count, sizeof(row.count));
		for (size_t i = 0; i < row.count; i++) {
			FUZZ_CHECK(row.lens[i] <= limit_field);
			FUZZ_CHECK(row.fields[i][row.lens[i]] == '\0');
			buf_append(&rows, &row.lens[i], sizeof(row.lens[i]));
			buf_append(&rows, row.fields[i], row.lens[i]);
			if (i) {
				buf_putc(&minimal, sep);
				buf_putc(&quoted, sep);
			}
			put_field(&minimal, row.fields[i], row.lens[i], sep, 0);
			put_field(&quoted, row.fields[i], row.lens[i], sep, 1);
		}
		buf_putc(&minimal, '\n');
		buf_puts(&quoted, "\r\n");
	}
	FUZZ_CHECK(csv_next_row(r, &row) == rc);

	struct csv_position at;
	enum csv_errcode code = csv_error_code(r, &at);
	if (rc < 0) {
		FUZZ_CHECK(code != CSV_OK);
		FUZZ_CHECK(at.byte <= len);
		FUZZ_CHECK(at.column >= 1 && at.column <= limit_fields + 1);
		FUZZ_CHECK(at.line >= csv_line(r) && csv_line(r) >= 1);
		FUZZ_CHECK(strlen(csv_error(r)) > 0);
	} else {
		FUZZ_CHECK(code == CSV_OK && at.line == 0);
		FUZZ_CHECK(csv_error(r)[0] == '\0');
	}
	csv_reader_free(r);

	check_round_trip(&minimal, sep, &rows);
	check_round_trip(&quoted, sep, &rows);

	buf_release(&rows);
	buf_release(&minimal);
	buf_release(&quoted);
	return 0;
}
