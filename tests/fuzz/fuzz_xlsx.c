/*
 * fuzz_xlsx.c - libFuzzer target for the XLSX reader (src/io/xlsx.c).
 *
 * Opens the input as a workbook and reads every sheet, every row.
 * Besides memory errors, leaks and hangs, it checks:
 *   - an open that fails gives a message; one that works gives sheet
 *     names in valid UTF-8, NULL past the last;
 *   - rows are numbered 1, 2, 3... up to Excel's last row; a row has at
 *     most 16,384 cells, each NUL-terminated at its length, without NUL
 *     inside, in valid UTF-8, at most 1 MiB, the last one not empty;
 *   - the end and errors are sticky; an error has a message in valid
 *     UTF-8 whose position names the sheet being read;
 *   - a second reading of a sheet gives the same rows.
 *
 * Seeds: tests/fuzz/corpus/xlsx/ (tiny workbooks: one stored, so that
 * mutations reach the XML, one deflated).
 *
 * Build and run:
 *   clang-14 -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *     -Isrc tests/fuzz/fuzz_xlsx.c src/io/xlsx.c src/base/text.c \
 *     src/base/buf.c src/base/arena.c \
 *     $(pkg-config --cflags --libs libzip libxml-2.0 icu-uc icu-i18n) \
 *     -o /tmp/fuzz_xlsx && /tmp/fuzz_xlsx -max_total_time=60 \
 *     tests/fuzz/corpus/xlsx
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/xlsx.h"

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_xlsx: check failed: %s "        \
				"(%s:%d)\n", #cond, __FILE__, __LINE__);      \
			abort();                                              \
		}                                                             \
	} while (0)

/* Rows read from one input at most, so that an input naming thousands
 * of sheets of a million empty rows each does not time out. */
#define FUZZ_MAX_ROWS ((size_t)2 << 20)

static int valid_text(const char *s, size_t len)
{
	return text_utf8_valid(s, len, NULL);
}

/* Read sheet i to its end or error, rendering its rows into out.
 * Returns the last xlsx_next_row() result. */
static int read_sheet(struct xlsx_book *b, size_t i, struct buf *out,
		      size_t *budget)
{
	char err[512] = "";
	if (xlsx_sheet_begin(b, i, err, sizeof(err)) < 0) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(strcmp(err, xlsx_error(b)) == 0);
		FUZZ_CHECK(valid_text(err, strlen(err)));
		struct xlsx_row row;
		FUZZ_CHECK(xlsx_next_row(b, &row) == -1);
		buf_printf(out, "!%s", err);
		return -1;
	}
	struct xlsx_row row;
	size_t last = 0;
	int rc;
	while ((rc = xlsx_next_row(b, &row)) == 1) {
		FUZZ_CHECK(row.row_number == last + 1);
		FUZZ_CHECK(row.row_number <= XLSX_MAX_ROWS);
		FUZZ_CHECK(row.count <= XLSX_MAX_COLUMNS);
		last = row.row_number;
		buf_printf(out, "%zu:%zu", row.row_number, row.count);
		for (size_t c = 0; c < row.count; c++) {
			FUZZ_CHECK(row.cells[c] != NULL);
			FUZZ_CHECK(row.cells[c][row.lens[c]] == '\0');
			FUZZ_CHECK(strlen(row.cells[c]) == row.lens[c]);
			FUZZ_CHECK(row.lens[c] <= XLSX_MAX_CELL_BYTES);
			FUZZ_CHECK(valid_text(row.cells[c], row.lens[c]));
			buf_append(out, &row.lens[c], sizeof(row.lens[c]));
			buf_append(out, row.cells[c], row.lens[c]);
		}
		FUZZ_CHECK(row.count == 0 || row.lens[row.count - 1] > 0);
		if (--*budget == 0)
			return 1;
	}
	FUZZ_CHECK(xlsx_next_row(b, &row) == rc);
	if (rc < 0) {
		const char *message = xlsx_error(b);
		struct xlsx_position at;
		xlsx_error_position(b, &at);
		FUZZ_CHECK(message[0] != '\0');
		FUZZ_CHECK(valid_text(message, strlen(message)));
		FUZZ_CHECK(at.sheet == 0 || at.sheet == i + 1);
		FUZZ_CHECK(at.row <= XLSX_MAX_ROWS);
		FUZZ_CHECK(at.column <= XLSX_MAX_COLUMNS);
		buf_printf(out, "!%s", message);
	} else {
		FUZZ_CHECK(xlsx_error(b)[0] == '\0');
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512] = "";
	struct xlsx_book *b = xlsx_open(data, size, err, sizeof(err));
	if (!b) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(valid_text(err, strlen(err)));
		return 0;
	}
	size_t count = xlsx_sheet_count(b);
	FUZZ_CHECK(count <= XLSX_MAX_SHEETS);
	for (size_t i = 0; i < count; i++) {
		const char *name = xlsx_sheet_name(b, i);
		FUZZ_CHECK(name != NULL);
		FUZZ_CHECK(valid_text(name, strlen(name)));
	}
	FUZZ_CHECK(xlsx_sheet_name(b, count) == NULL);

	size_t budget = FUZZ_MAX_ROWS;
	struct buf first = BUF_INIT, again = BUF_INIT;
	for (size_t i = 0; i < count && budget > 0; i++) {
		buf_reset(&first);
		int rc = read_sheet(b, i, &first, &budget);
		/* Read again: the same, unless a limit stopped the first
		 * reading (the decompression limit counts both). */
		if (rc == 0 && budget > 0) {
			buf_reset(&again);
			rc = read_sheet(b, i, &again, &budget);
			if (rc == 0)
				FUZZ_CHECK(first.len == again.len &&
					   (first.len == 0 ||
					    memcmp(first.data, again.data,
						   first.len) == 0));
		}
	}
	/* Past the last sheet. */
	FUZZ_CHECK(xlsx_sheet_begin(b, count, NULL, 0) == -1);
	buf_release(&first);
	buf_release(&again);
	xlsx_close(b);
	return 0;
}
