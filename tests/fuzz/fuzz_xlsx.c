/*
 * fuzz_xlsx.c - libFuzzer target for the XLSX reader (src/io/xlsx.c).
 *
 * Opens the input as a workbook and reads every sheet, every row.  An
 * input starting with '0', '1', '2' or '3' is instead one XML part (the
 * sheet, the shared strings, the styles or the workbook) put by the
 * target into a fixed workbook, zipped with correct checksums, so that
 * mutations of the XML are not stopped by libzip's CRC check.
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
 * Seeds: tests/fuzz/corpus/xlsx/ (tiny workbooks, one stored and one
 * deflated, and one XML part of each kind).
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

#include <zip.h>

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

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

/* The fixed workbook around a fuzzed part. */
static const char fixed_root_rels[] = "<Relationships xmlns=\"" NS_PKG "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
	"Target=\"xl/workbook.xml\"/></Relationships>";
static const char fixed_workbook[] = "<workbook xmlns=\"" NS_MAIN "\" "
	"xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"A\" sheetId=\"1\" "
	"r:id=\"rId1\"/></sheets></workbook>";
static const char fixed_workbook_rels[] = "<Relationships xmlns=\"" NS_PKG
	"\"><Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	"Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_REL "/sharedStrings\" "
	"Target=\"sharedStrings.xml\"/><Relationship Id=\"rId4\" Type=\""
	NS_REL "/styles\" Target=\"styles.xml\"/></Relationships>";
static const char fixed_sheet[] = "<worksheet xmlns=\"" NS_MAIN "\">"
	"<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	"<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
	"<c r=\"D1\" s=\"1\"><v>45000.5</v></c><c r=\"E1\" s=\"2\">"
	"<v>0.25</v></c><c r=\"F1\" s=\"3\"><v>61</v></c><c r=\"G1\" "
	"s=\"4\"><v>45000</v></c></row></sheetData></worksheet>";
static const char fixed_strings[] = "<sst xmlns=\"" NS_MAIN "\"><si><t>a</t>"
	"</si><si><t>b</t></si><si><t>c</t></si></sst>";
static const char fixed_styles[] = "<styleSheet xmlns=\"" NS_MAIN "\">"
	"<numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
	"</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf "
	"numFmtId=\"20\"/><xf numFmtId=\"164\"/><xf numFmtId=\"22\"/>"
	"</cellXfs></styleSheet>";

/* Zip the fixed workbook with part `which` ('0' sheet, '1' shared
 * strings, '2' styles, '3' workbook) replaced by xml[0..len), stored.
 * Returns 0 with the archive in *out, -1 if libzip fails. */
static int zip_with_part(char which, const char *xml, size_t len,
			 struct buf *out)
{
	struct {
		const char *name;
		const char *text;
		size_t len;
	} parts[] = {
		{ "_rels/.rels", fixed_root_rels, sizeof(fixed_root_rels) - 1 },
		{ "xl/workbook.xml", fixed_workbook,
		  sizeof(fixed_workbook) - 1 },
		{ "xl/_rels/workbook.xml.rels", fixed_workbook_rels,
		  sizeof(fixed_workbook_rels) - 1 },
		{ "xl/worksheets/sheet1.xml", fixed_sheet,
		  sizeof(fixed_sheet) - 1 },
		{ "xl/sharedStrings.xml", fixed_strings,
		  sizeof(fixed_strings) - 1 },
		{ "xl/styles.xml", fixed_styles, sizeof(fixed_styles) - 1 },
	};
	static const size_t replaced[] = { 3, 4, 5, 1 };
	size_t r = replaced[which - '0'];
	parts[r].text = xml;
	parts[r].len = len;

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	FUZZ_CHECK(src != NULL);
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	FUZZ_CHECK(z != NULL);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].text,
						    parts[i].len, 0);
		FUZZ_CHECK(s != NULL);
		zip_int64_t idx = zip_file_add(z, parts[i].name, s, 0);
		FUZZ_CHECK(idx >= 0);
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	int rc = zip_close(z) == 0 ? 0 : -1;
	if (rc < 0)
		zip_discard(z);
	if (rc == 0 && zip_source_open(src) == 0) {
		char chunk[4096];
		zip_int64_t n;
		while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
			buf_append(out, chunk, (size_t)n);
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

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

static void read_book(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 0 && data[0] >= '0' && data[0] <= '3') {
		struct buf zipped = BUF_INIT;
		if (zip_with_part((char)data[0], (const char *)data + 1,
				  size - 1, &zipped) == 0)
			read_book((const uint8_t *)zipped.data, zipped.len);
		buf_release(&zipped);
		return 0;
	}
	read_book(data, size);
	return 0;
}

static void read_book(const uint8_t *data, size_t size)
{
	char err[512] = "";
	struct xlsx_book *b = xlsx_open(data, size, err, sizeof(err));
	if (!b) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(valid_text(err, strlen(err)));
		return;
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
}
