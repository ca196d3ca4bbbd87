/*
 * test_xlsx.c - unit tests of the XLSX reader (src/io/xlsx.c).
 *
 * Workbooks are built in memory with libzip from XML written here, so each
 * test shows the exact XML it reads; one test writes real files with
 * libxlsxwriter and reads them back.  Most tests render what a sheet
 * gives: each row as its number then [cell|cell], followed by "!" and the
 * message when reading stops on an error.
 *
 * Build and run:
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow -Werror \
 *     -Isrc -fsanitize=address,undefined tests/unit/test_xlsx.c \
 *     src/io/xlsx.c src/base/buf.c src/base/arena.c \
 *     $(pkg-config --cflags --libs libzip libxml-2.0 xlsxwriter) -lcmocka \
 *     -o /tmp/test_xlsx && /tmp/test_xlsx
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "base/buf.h"
#include "io/xlsx.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" " \
	"standalone=\"yes\"?>\n"

/* A worksheet whose <sheetData> holds `rows`; the rows are on line 2. */
#define SHEET(rows) XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" " \
	"xmlns:r=\"" NS_REL "\"><sheetData>" rows "</sheetData></worksheet>"
#define STRINGS(items) XML_DECL "<sst xmlns=\"" NS_MAIN "\">" items "</sst>"
#define STYLES(formats, xfs) XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\">" \
	"<numFmts>" formats "</numFmts>" \
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" \
	"<cellXfs>" xfs "</cellXfs></styleSheet>"
#define WORKBOOK(pr, sheets) XML_DECL "<workbook xmlns=\"" NS_MAIN "\" " \
	"xmlns:r=\"" NS_REL "\">" pr "<sheets>" sheets "</sheets></workbook>"

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\"><Default Extension=\"xml\" ContentType=\"application/"
	"xml\"/></Types>";
static const char root_rels[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
	"Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";
static const char one_sheet[] = WORKBOOK("",
	"<sheet name=\"Feuil1\" sheetId=\"1\" r:id=\"rId1\"/>");

struct blob {
	char *data;
	size_t len;
};

/* One part of a package: its name and its text. */
struct part {
	const char *name;
	const char *text;
};

/* Zip parts[0..n) into memory. */
static struct blob zip_parts(const struct part *parts, size_t n)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(out);
	zip_source_keep(out);
	zip_t *z = zip_open_from_source(out, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].text,
						    strlen(parts[i].text), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, parts[i].name, s,
					 ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);

	struct blob b;
	assert_int_equal(zip_source_open(out), 0);
	assert_int_equal(zip_source_seek(out, 0, SEEK_END), 0);
	b.len = (size_t)zip_source_tell(out);
	assert_int_equal(zip_source_seek(out, 0, SEEK_SET), 0);
	b.data = malloc(b.len ? b.len : 1);
	assert_non_null(b.data);
	assert_int_equal(zip_source_read(out, b.data, b.len),
			 (zip_int64_t)b.len);
	zip_source_close(out);
	zip_source_free(out);
	zip_error_fini(&ze);
	return b;
}

/* What goes in a test workbook; NULL leaves a part out (the workbook:
 * one sheet, "Feuil1"). */
struct book_spec {
	const char *workbook;
	const char *sheet1;
	const char *sheet2;
	const char *strings;
	const char *styles;
	const char *workbook_rels; /* NULL: made from the parts present */
};

/* Build the XLSX the spec describes. */
static struct blob make_book(const struct book_spec *spec)
{
	static char rels[2048];
	struct part parts[8];
	size_t n = 0;

	snprintf(rels, sizeof(rels), XML_DECL "<Relationships xmlns=\""
		 NS_PKG "\">"
		 "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
		 "Target=\"worksheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" "
		 "Target=\"/xl/worksheets/sheet2.xml\"/>%s%s</Relationships>",
		 spec->strings ? "<Relationship Id=\"rId3\" Type=\"" NS_REL
		 "/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "",
		 spec->styles ? "<Relationship Id=\"rId4\" Type=\"" NS_REL
		 "/styles\" Target=\"./styles.xml\"/>" : "");
	parts[n++] = (struct part){ "[Content_Types].xml", content_types };
	parts[n++] = (struct part){ "_rels/.rels", root_rels };
	parts[n++] = (struct part){ "xl/workbook.xml",
				    spec->workbook ? spec->workbook :
						     one_sheet };
	parts[n++] = (struct part){ "xl/_rels/workbook.xml.rels",
				    spec->workbook_rels ? spec->workbook_rels :
							  rels };
	if (spec->sheet1)
		parts[n++] = (struct part){ "xl/worksheets/sheet1.xml",
					    spec->sheet1 };
	if (spec->sheet2)
		parts[n++] = (struct part){ "xl/worksheets/sheet2.xml",
					    spec->sheet2 };
	if (spec->strings)
		parts[n++] = (struct part){ "xl/sharedStrings.xml",
					    spec->strings };
	if (spec->styles)
		parts[n++] = (struct part){ "xl/styles.xml", spec->styles };
	return zip_parts(parts, n);
}

/* Render the rows of the current sheet of b into out. */
static void render_rows(struct xlsx_book *b, struct buf *out)
{
	struct xlsx_row row;
	size_t last = 0;
	int rc;

	while ((rc = xlsx_next_row(b, &row)) == 1) {
		assert_int_equal(row.row_number, last + 1);
		last = row.row_number;
		buf_printf(out, "%zu[", row.row_number);
		for (size_t i = 0; i < row.count; i++) {
			if (i)
				buf_putc(out, '|');
			assert_non_null(row.cells[i]);
			assert_int_equal(row.cells[i][row.lens[i]], '\0');
			assert_int_equal(strlen(row.cells[i]), row.lens[i]);
			buf_append(out, row.cells[i], row.lens[i]);
		}
		if (row.count)
			assert_true(row.lens[row.count - 1] > 0);
		buf_putc(out, ']');
	}
	if (rc < 0) {
		assert_true(strlen(xlsx_error(b)) > 0);
		buf_printf(out, "!%s", xlsx_error(b));
	} else {
		assert_string_equal(xlsx_error(b), "");
	}
	/* The end and errors are sticky. */
	assert_int_equal(xlsx_next_row(b, &row), rc);
}

/* Open data, read sheet `sheet` and render it (or the error of opening
 * or beginning, after "!"). */
static void render_blob(struct buf *out, const struct blob *x, size_t sheet)
{
	char err[400] = "";
	buf_reset(out);
	buf_puts(out, "");
	struct xlsx_book *b = xlsx_open(x->data, x->len, err, sizeof(err));
	if (!b) {
		assert_true(err[0] != '\0');
		buf_printf(out, "!%s", err);
		return;
	}
	if (xlsx_sheet_begin(b, sheet, err, sizeof(err)) < 0) {
		assert_string_equal(err, xlsx_error(b));
		buf_printf(out, "!%s", err);
	} else {
		render_rows(b, out);
	}
	xlsx_close(b);
}

static void check_book(const struct book_spec *spec, size_t sheet,
		       const char *want)
{
	struct blob x = make_book(spec);
	struct buf out = BUF_INIT;
	render_blob(&out, &x, sheet);
	assert_string_equal(buf_str(&out), want);
	buf_release(&out);
	free(x.data);
}

/* Check the first sheet, made of `sheet` alone. */
static void check_sheet(const char *sheet, const char *want)
{
	struct book_spec spec = { .sheet1 = sheet };
	check_book(&spec, 0, want);
}

/* Check the first sheet, made of `sheet` alone, reads as `want` starts. */
static void check_sheet_prefix(const char *sheet, const char *want)
{
	struct book_spec spec = { .sheet1 = sheet };
	struct blob x = make_book(&spec);
	struct buf out = BUF_INIT;
	render_blob(&out, &x, 0);
	if (strncmp(buf_str(&out), want, strlen(want)))
		fail_msg("\"%s\" does not start with \"%s\"", buf_str(&out),
			 want);
	buf_release(&out);
	free(x.data);
}

static void test_shared_strings(void **state)
{
	(void)state;
	struct book_spec spec = {
		.sheet1 = SHEET(
			"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
			"<c r=\"B1\" t=\"s\"><v>1</v></c>"
			"<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
			"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c>"
			"<c r=\"B2\" t=\"s\"><v>4</v></c></row>"
			"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c></row>"
			"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>6</v></c>"
			"<c r=\"B4\" t=\"s\"><v>7</v></c></row>"
			"<row r=\"5\"><c r=\"A5\" t=\"s\"><v>0</v></c></row>"),
		.strings = STRINGS(
			"<si><t>Soci\xC3\xA9t\xC3\xA9</t></si>"
			"<si><t>\xC5\x93uvre</t></si>"
			"<si><t>\xC5\x92uvre</t></si>"
			/* Rich text: runs joined, phonetic guide left out. */
			"<si><r><rPr><b/></rPr><t>Gras</t></r><r>"
			"<t xml:space=\"preserve\"> et normal</t></r>"
			"<rPh sb=\"0\" eb=\"1\"><t>gura</t></rPh></si>"
			"<si><t>R&amp;D &lt;3 &#233;</t></si>"
			/* Excel's escapes: CR, an escaped escape, a pair. */
			"<si><t>ligne 1_x000D_&#10;ligne 2 _x005F_x0041_ "
			"_xD83D__xDE00_ _x0000_ _xD800_</t></si>"
			"<si/><si><t/></si>"),
	};
	check_book(&spec, 0,
		   "1[Soci\xC3\xA9t\xC3\xA9|\xC5\x93uvre|\xC5\x92uvre]"
		   "2[Gras et normal|R&D <3 \xC3\xA9]"
		   "3[ligne 1\r\nligne 2 _x0041_ \xF0\x9F\x98\x80 _x0000_ "
		   "_xD800_]"
		   "4[]"
		   "5[Soci\xC3\xA9t\xC3\xA9]");
}

/* Many shared strings: the table grows. */
static void test_many_shared_strings(void **state)
{
	(void)state;
	struct buf strings = BUF_INIT, sheet = BUF_INIT, want = BUF_INIT;
	buf_puts(&strings, XML_DECL "<sst xmlns=\"" NS_MAIN "\">");
	for (int i = 0; i < 5000; i++)
		buf_printf(&strings, "<si><t>s%d_x00E9_</t></si>", i);
	buf_puts(&strings, "</sst>");
	buf_puts(&sheet, XML_DECL "<worksheet><sheetData>");
	for (int i = 0; i < 5000; i += 999) {
		buf_printf(&sheet, "<row r=\"%d\"><c r=\"AB%d\" t=\"s\">"
			   "<v>%d</v></c></row>", i / 999 + 1, i / 999 + 1,
			   4999 - i);
		buf_printf(&want, "%d[", i / 999 + 1);
		for (int k = 0; k < 27; k++)
			buf_putc(&want, '|');
		buf_printf(&want, "s%d\xC3\xA9]", 4999 - i);
	}
	buf_puts(&sheet, "<row r=\"7\"><c r=\"AB7\" t=\"s\"><v>5000</v>"
		 "</c></row></sheetData></worksheet>");
	buf_puts(&want, "!sheet 1, cell AB7: unknown shared string 5000");
	struct book_spec spec = { .sheet1 = buf_str(&sheet),
				  .strings = buf_str(&strings) };
	check_book(&spec, 0, buf_str(&want));
	buf_release(&strings);
	buf_release(&sheet);
	buf_release(&want);
}

static void test_cell_types(void **state)
{
	(void)state;
	check_sheet(SHEET(
		"<row r=\"1\">"
		"<c r=\"A1\" t=\"inlineStr\"><is><t>en ligne</t></is></c>"
		"<c r=\"B1\" t=\"inlineStr\"><is><r><t>a</t></r><r><t>b</t>"
		"</r></is></c>"
		"<c r=\"C1\" t=\"str\"><f>A1&amp;\"x\"</f><v>en lignex</v></c>"
		"<c r=\"D1\" t=\"b\"><v>1</v></c>"
		"<c r=\"E1\" t=\"b\"><v>0</v></c>"
		"<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
		"<row r=\"2\">"
		"<c r=\"A2\"><v>0.1</v></c>"
		"<c r=\"B2\"><v>1.5E-3</v></c>"
		"<c r=\"C2\" t=\"n\"><v>-3</v></c>"
		"<c r=\"D2\"><v>12345678901234567890</v></c>"
		"<c r=\"E2\"><f>A1</f></c>"
		"<c r=\"F2\"><v>0.30000000000000004</v></c>"
		"<c r=\"G2\" t=\"d\"><v>2023-03-15T00:00:00</v></c>"
		"<c r=\"H2\" t=\"inlineStr\"><is><t><![CDATA[<b>]]></t></is>"
		"</c></row>"),
		"1[en ligne|ab|en lignex|true|false|#DIV/0!]"
		"2[0.1|1.5E-3|-3|12345678901234567890||0.30000000000000004|"
		"2023-03-15T00:00:00|<b>]");
}

static void test_sparse_cells_and_rows(void **state)
{
	(void)state;
	check_sheet(SHEET(
		"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is>"
		"</c><c r=\"C2\" t=\"inlineStr\"><is><t>c</t></is></c></row>"
		/* Cells without references follow each other. */
		"<row r=\"3\"><c><v>1</v></c><c><v>2</v></c></row>"
		"<row r=\"5\"><c r=\"B5\"><v>5</v></c></row>"
		/* Formatting only: an empty row. */
		"<row r=\"6\"><c r=\"A6\" s=\"1\"/><c r=\"B6\" s=\"1\"/></row>"
		/* Empty cells after the last value do not count. */
		"<row r=\"7\"><c r=\"A7\"><v>7</v></c><c r=\"B7\" s=\"1\"/>"
		"<c r=\"C7\" t=\"inlineStr\"><is><t></t></is></c></row>"
		"<row r=\"8\"><c r=\"A8\" s=\"1\"/><c r=\"D8\"><v>8</v></c>"
		"</row>"
		/* A row without reference follows the previous one. */
		"<row><c r=\"A9\"><v>9</v></c></row>"
		/* Empty rows at the end are not returned. */
		"<row r=\"12\"><c r=\"A12\" s=\"1\"/></row><row r=\"13\"/>"),
		"1[]2[a||c]3[1|2]4[]5[|5]6[]7[7]8[|||8]9[9]");
	check_sheet(SHEET(""), "");
	check_sheet(XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData/>"
		    "</worksheet>", "");
	/* A prefixed namespace reads the same. */
	check_sheet(XML_DECL "<x:worksheet xmlns:x=\"" NS_MAIN "\">"
		    "<x:sheetData><x:row r=\"1\"><x:c r=\"B1\"><x:v>2</x:v>"
		    "</x:c></x:row></x:sheetData></x:worksheet>", "1[|2]");
}

/* Dates: built-in formats 14 and 22, custom ones, and what is no date. */
static const char date_styles[] = STYLES(
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"hh:mm\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"0.00\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"[h]:mm:ss\"/>"
	"<numFmt numFmtId=\"169\" formatCode=\"&quot;day &quot;0\"/>"
	"<numFmt numFmtId=\"170\" formatCode=\"[Red]#,##0;[Blue]-#,##0\"/>"
	"<numFmt numFmtId=\"171\" formatCode=\"[$-40C]dddd d mmmm yyyy\"/>"
	"<numFmt numFmtId=\"172\" formatCode=\"mm:ss\"/>"
	"<numFmt numFmtId=\"173\" formatCode=\"General\"/>"
	"<numFmt numFmtId=\"174\" formatCode=\"h:mm AM/PM\"/>",
	"<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
	"<xf numFmtId=\"168\"/><xf numFmtId=\"169\"/><xf numFmtId=\"170\"/>"
	"<xf numFmtId=\"171\"/><xf numFmtId=\"22\"/><xf numFmtId=\"172\"/>"
	"<xf numFmtId=\"173\"/><xf numFmtId=\"174\"/><xf numFmtId=\"4\"/>");

#define NUM(ref, style, value) \
	"<c r=\"" ref "\" s=\"" style "\"><v>" value "</v></c>"

static void test_dates(void **state)
{
	(void)state;
	struct book_spec spec = {
		.styles = date_styles,
		.sheet1 = SHEET(
			"<row r=\"1\">"
			NUM("A1", "1", "45000") NUM("B1", "2", "45000")
			NUM("C1", "3", "45000.520833333336")
			NUM("D1", "4", "0.75") NUM("E1", "5", "45000")
			NUM("F1", "0", "45000") NUM("G1", "6", "0.5")
			NUM("H1", "13", "0.5625") NUM("I1", "14", "45000")
			"</row><row r=\"2\">"
			NUM("A2", "1", "1") NUM("B2", "1", "59")
			NUM("C2", "1", "60") NUM("D2", "1", "61")
			NUM("E2", "1", "0") NUM("F2", "1", "-1")
			NUM("G2", "1", "2958465") NUM("H2", "1", "2958466")
			NUM("I2", "1", "4.5E4") NUM("J2", "1", "abc")
			NUM("K2", "1", "4500000e-2") NUM("L2", "1", "+45000")
			NUM("M2", "1", "1E10") NUM("N2", "1", "4.5E")
			"</row><row r=\"3\">"
			NUM("A3", "7", "45000") NUM("B3", "8", "45000")
			NUM("C3", "9", "45000") NUM("D3", "10", "45000.25")
			NUM("E3", "11", "0.5") NUM("F3", "1", "45000.99999999")
			NUM("G3", "1", "45000.99999999999")
			NUM("H3", "3", "45000.999999")
			NUM("I3", "12", "45000") NUM("J3", "99", "45000")
			"</row>"
			/* A shared or inline string is never a date. */
			"<row r=\"4\"><c r=\"A4\" s=\"1\" t=\"inlineStr\"><is>"
			"<t>45000</t></is></c><c r=\"B4\" s=\"1\" t=\"str\">"
			"<v>45000</v></c></row>"),
	};
	check_book(&spec, 0,
		   "1[2023-03-15|2023-03-15|2023-03-15T12:30:00|18:00:00|"
		   "45000|45000|12:00:00|13:30:00|45000]"
		   "2[1900-01-01|1900-02-28|1900-02-29|1900-03-01|0|-1|"
		   "9999-12-31|2958466|2023-03-15|abc|2023-03-15|"
		   "2023-03-15|1E10|4.5E]"
		   "3[45000|45000|2023-03-15|2023-03-15T06:00:00|12:00:00|"
		   "2023-03-15|2023-03-16|2023-03-16T00:00:00|45000|45000]"
		   "4[45000|45000]");
}

static void test_date1904(void **state)
{
	(void)state;
	struct book_spec spec = {
		.workbook = WORKBOOK("<workbookPr date1904=\"1\"/>",
			"<sheet name=\"Feuil1\" sheetId=\"1\" r:id=\"rId1\"/>"),
		.styles = date_styles,
		.sheet1 = SHEET("<row r=\"1\">"
			NUM("A1", "1", "0") NUM("B1", "1", "43538")
			NUM("C1", "3", "0.5") NUM("D1", "4", "0.5")
			NUM("E1", "1", "-1") "</row>"),
	};
	check_book(&spec, 0,
		   "1[1904-01-01|2023-03-15|1904-01-01T12:00:00|12:00:00|-1]");
	spec.workbook = WORKBOOK("<workbookPr date1904=\"false\"/>",
		"<sheet name=\"Feuil1\" sheetId=\"1\" r:id=\"rId1\"/>");
	check_book(&spec, 0, "1[0|2019-03-14|12:00:00|12:00:00|-1]");
}

static void test_two_sheets(void **state)
{
	(void)state;
	struct book_spec spec = {
		.workbook = WORKBOOK("",
			"<sheet name=\"Donn\xC3\xA9" "es\" sheetId=\"1\" "
			"r:id=\"rId1\"/><sheet name=\"R\xC3\xA9sum\xC3\xA9\" "
			"sheetId=\"2\" r:id=\"rId2\" state=\"hidden\"/>"),
		.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
		.sheet2 = SHEET("<row r=\"2\"><c r=\"B2\"><v>2</v></c></row>"),
	};
	struct blob x = make_book(&spec);
	char err[256] = "";
	struct xlsx_book *b = xlsx_open(x.data, x.len, err, sizeof(err));
	assert_non_null(b);
	assert_string_equal(xlsx_error(b), "");
	assert_int_equal(xlsx_sheet_count(b), 2);
	assert_string_equal(xlsx_sheet_name(b, 0), "Donn\xC3\xA9" "es");
	assert_string_equal(xlsx_sheet_name(b, 1), "R\xC3\xA9sum\xC3\xA9");
	assert_null(xlsx_sheet_name(b, 2));

	struct buf out = BUF_INIT;
	/* Reading the first sheet half way, then the second. */
	struct xlsx_row row;
	assert_int_equal(xlsx_sheet_begin(b, 0, err, sizeof(err)), 0);
	assert_int_equal(xlsx_next_row(b, &row), 1);
	assert_int_equal(xlsx_sheet_begin(b, 1, err, sizeof(err)), 0);
	render_rows(b, &out);
	assert_string_equal(buf_str(&out), "1[]2[|2]");
	/* A sheet reads again from its start. */
	for (int pass = 0; pass < 2; pass++) {
		buf_reset(&out);
		assert_int_equal(xlsx_sheet_begin(b, 0, NULL, 0), 0);
		render_rows(b, &out);
		assert_string_equal(buf_str(&out), "1[1]");
	}
	/* No third sheet; the failed begin ends the reading. */
	assert_int_equal(xlsx_sheet_begin(b, 2, err, sizeof(err)), -1);
	assert_string_equal(err, "no sheet 3: the workbook has 2");
	assert_int_equal(xlsx_next_row(b, &row), -1);
	assert_string_equal(xlsx_error(b), "no sheet 3: the workbook has 2");
	buf_release(&out);
	xlsx_close(b);
	free(x.data);
}

static void test_unknown_shared_string(void **state)
{
	(void)state;
	struct book_spec spec = {
		.strings = STRINGS("<si><t>a</t></si><si><t>b</t></si>"),
		.sheet1 = SHEET(
			"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"
			"<row r=\"12\"><c r=\"A12\" t=\"s\"><v>0</v></c>"
			"<c r=\"C12\" t=\"s\"><v>99</v></c></row>"),
	};
	check_book(&spec, 0, "1[b]!sheet 1, cell C12: unknown shared "
		   "string 99");

	struct blob x = make_book(&spec);
	struct xlsx_book *b = xlsx_open(x.data, x.len, NULL, 0);
	assert_non_null(b);
	assert_int_equal(xlsx_sheet_begin(b, 0, NULL, 0), 0);
	struct xlsx_row row;
	assert_int_equal(xlsx_next_row(b, &row), 1);
	assert_int_equal(xlsx_next_row(b, &row), -1);
	struct xlsx_position at;
	xlsx_error_position(b, &at);
	assert_int_equal(at.sheet, 1);
	assert_int_equal(at.row, 12);
	assert_int_equal(at.column, 3);
	assert_int_equal(at.line, 2);
	xlsx_close(b);
	free(x.data);

	/* Without a shared-string table, any index is unknown. */
	check_sheet(SHEET("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>0</v></c>"
			  "</row>"),
		    "!sheet 1, cell B1: unknown shared string 0");
}

static void test_not_a_zip(void **state)
{
	(void)state;
	char err[256] = "";
	const char csv[] = "nom;ville\r\nSoci\xE9t\xE9;Paris\r\n";
	assert_null(xlsx_open(csv, sizeof(csv) - 1, err, sizeof(err)));
	assert_string_equal(err, "not an XLSX file (no zip archive)");
	assert_null(xlsx_open("", 0, err, sizeof(err)));
	assert_string_equal(err, "not an XLSX file (no zip archive)");
	assert_null(xlsx_open(NULL, 0, err, sizeof(err)));
	assert_string_equal(err, "not an XLSX file (no zip archive)");
	assert_null(xlsx_open(csv, sizeof(csv) - 1, NULL, 0));
	const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more";
	assert_null(xlsx_open(xls, sizeof(xls) - 1, err, sizeof(err)));
	assert_string_equal(err, "not an XLSX file (an Excel 97-2003 .xls "
			    "file, or a workbook protected by a password)");

	/* Every cut of a real workbook fails cleanly, or reads. */
	struct book_spec spec = {
		.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
	};
	struct blob x = make_book(&spec);
	struct buf out = BUF_INIT;
	for (size_t len = 0; len < x.len; len += 7) {
		struct blob cut = { x.data, len };
		render_blob(&out, &cut, 0);
		assert_true(strncmp(buf_str(&out), "!not an XLSX file",
				    17) == 0);
	}
	buf_release(&out);
	free(x.data);
}

static void test_no_workbook(void **state)
{
	(void)state;
	struct part parts[] = {
		{ "mimetype",
		  "application/vnd.oasis.opendocument.spreadsheet" },
		{ "content.xml", XML_DECL "<office:document-content/>" },
	};
	struct blob x = zip_parts(parts, 2);
	char err[256] = "";
	assert_null(xlsx_open(x.data, x.len, err, sizeof(err)));
	assert_string_equal(err, "not an XLSX file (no workbook: "
			    "xl/workbook.xml is missing)");
	free(x.data);

	/* The package relationships name the workbook. */
	struct part moved[] = {
		{ "_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKG "\">"
		  "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\""
		  " Target=\"/book/main.xml\"/></Relationships>" },
		{ "xl/workbook.xml", one_sheet },
	};
	x = zip_parts(moved, 2);
	assert_null(xlsx_open(x.data, x.len, err, sizeof(err)));
	assert_string_equal(err, "not an XLSX file (no workbook: "
			    "book/main.xml is missing)");
	free(x.data);
}

static void test_missing_parts(void **state)
{
	(void)state;
	/* Sheet 2's part is not in the archive. */
	struct book_spec spec = {
		.workbook = WORKBOOK("",
			"<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
			"<sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/>"
			"<sheet name=\"C\" sheetId=\"3\" r:id=\"rId9\"/>"
			"<sheet name=\"D\" sheetId=\"4\" r:id=\"rId5\"/>"),
		.sheet1 = SHEET(""),
		.workbook_rels = XML_DECL "<Relationships xmlns=\"" NS_PKG "\">"
			"<Relationship Id=\"rId1\" Type=\"" NS_REL
			"/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
			"<Relationship Id=\"rId2\" Type=\"" NS_REL
			"/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
			"<Relationship Id=\"rId5\" Type=\"" NS_REL
			"/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
			"</Relationships>",
	};
	check_book(&spec, 0, "");
	check_book(&spec, 1, "!sheet 2: the part xl/worksheets/sheet2.xml is "
		   "missing from the archive");
	check_book(&spec, 2, "!sheet 3: the workbook does not say where sheet "
		   "\"C\" is");
	check_book(&spec, 3, "!sheet 4: \"D\" is a chartsheet, not a "
		   "worksheet");
	/* A relationship climbing out of the package names nothing. */
	spec.workbook_rels = XML_DECL "<Relationships xmlns=\"" NS_PKG "\">"
		"<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\""
		" Target=\"../../sheet1.xml\"/></Relationships>";
	check_book(&spec, 0, "!sheet 1: the workbook does not say where sheet "
		   "\"A\" is");
}

static void test_xxe_refused(void **state)
{
	(void)state;
	static const char doctype[] =
		"<!DOCTYPE worksheet "
		"[<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
	/* The DTD on the line of the root element, as Excel writes XML. */
	char sheet[1024], strings[1024], workbook[1024];
	snprintf(sheet, sizeof(sheet), XML_DECL "%s<worksheet xmlns=\""
		 NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" "
		 "t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData>"
		 "</worksheet>", doctype);
	struct book_spec spec = { .sheet1 = sheet };
	struct blob x = make_book(&spec);
	struct buf out = BUF_INIT;
	render_blob(&out, &x, 0);
	assert_string_equal(buf_str(&out), "!sheet 1, line 2: XML error: a "
			    "document type declaration (DTD) is not allowed");
	assert_null(strstr(buf_str(&out), "root:"));
	free(x.data);

	/* In the shared strings, and in the workbook. */
	snprintf(strings, sizeof(strings), XML_DECL "%s<sst xmlns=\""
		 NS_MAIN "\"><si><t>&x;</t></si></sst>", doctype);
	spec.sheet1 = SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
			    "</row>");
	spec.strings = strings;
	check_book(&spec, 0, "!xl/sharedStrings.xml, line 2: XML error: a "
		   "document type declaration (DTD) is not allowed");
	snprintf(workbook, sizeof(workbook), XML_DECL "%s<workbook xmlns=\""
		 NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"&x;\""
		 " sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", doctype);
	spec.workbook = workbook;
	spec.strings = NULL;
	/* (libxml2 may stop first on the attribute's external entity.) */
	x = make_book(&spec);
	render_blob(&out, &x, 0);
	const char *want = "!xl/workbook.xml, line 2: XML error: ";
	assert_true(strncmp(buf_str(&out), want, strlen(want)) == 0);
	assert_null(strstr(buf_str(&out), "root:"));
	free(x.data);

	/* An external DTD, and a billion laughs (which libxml2 may stop
	 * itself, before its DTD is seen). */
	check_sheet(XML_DECL "<!DOCTYPE worksheet SYSTEM "
		    "\"http://127.0.0.1:9/x.dtd\"><worksheet/>",
		    "!sheet 1, line 2: XML error: a document type declaration "
		    "(DTD) is not allowed");
	check_sheet_prefix(XML_DECL "<!DOCTYPE lolz [<!ENTITY a \"aaaaaaaaaa\">"
		    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
		    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
		    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
		    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
		    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
		    "<worksheet><sheetData><row><c t=\"str\"><v>&h;</v></c>"
		    "</row></sheetData></worksheet>",
		    "!sheet 1, line ");
	/* Without a DTD, an entity is undeclared. */
	check_sheet_prefix(SHEET("<row><c t=\"str\"><v>&x;</v></c></row>"),
			   "!sheet 1, line 2: XML error: ");
	buf_release(&out);
}

static void test_malformed_sheets(void **state)
{
	(void)state;
	static const struct {
		const char *rows;
		const char *want;
	} cases[] = {
		{ "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>",
		  "!sheet 1, row 1: malformed cell reference \"1A\"" },
		{ "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
		  "!sheet 1, row 1: malformed cell reference \"XFE1\"" },
		{ "<row r=\"1\"><c r=\"a1\"><v>1</v></c></row>",
		  "!sheet 1, row 1: malformed cell reference \"a1\"" },
		{ "<row r=\"1\"><c r=\"A1048577\"><v>1</v></c></row>",
		  "!sheet 1, row 1: malformed cell reference \"A1048577\"" },
		{ "<row r=\"1\"><c r=\"A2\"><v>1</v></c></row>",
		  "!sheet 1, row 1: cell A2 is not in row 1" },
		{ "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v>"
		  "</c></row>",
		  "!sheet 1, cell A1: cell out of order, after column 2" },
		{ "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v>"
		  "</c></row>",
		  "!sheet 1, cell B1: cell out of order, after column 2" },
		{ "<row r=\"3\"><c><v>3</v></c></row><row r=\"2\"/>",
		  "1[]2[]3[3]!sheet 1, row 2: rows out of order: row 2 after "
		  "row 3" },
		{ "<row r=\"x\"/>",
		  "!sheet 1, line 2: malformed row number \"x\"" },
		{ "<row r=\"0\"/>",
		  "!sheet 1, line 2: malformed row number \"0\"" },
		{ "<row r=\"1048577\"/>",
		  "!sheet 1, row 1048577: more than 1048576 rows" },
		{ "<row r=\"1\"><c r=\"A1\" t=\"zz\"><v>1</v></c></row>",
		  "!sheet 1, cell A1: unknown cell type \"zz\"" },
		{ "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>x</v></c></row>",
		  "!sheet 1, cell A1: malformed shared string index \"x\"" },
		{ "<row r=\"1\"><c r=\"A1\" t=\"s\"><v/></c></row>",
		  "!sheet 1, cell A1: malformed shared string index \"\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char sheet[1024];
		snprintf(sheet, sizeof(sheet), SHEET("%s"), cases[i].rows);
		check_sheet(sheet, cases[i].want);
	}
	/* libxml2's messages: only where they come from is checked here. */
	check_sheet_prefix(SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"),
			   "!sheet 1, line 2: XML error: Opening and ending "
			   "tag mismatch");
	check_sheet_prefix("PK\x03\x04 garbage", "!sheet 1, line 1: XML "
			   "error: ");
	check_sheet_prefix(XML_DECL "<worksheet><sheetData><row r=\"1\"><c>"
			   "<v>1", "!sheet 1, line 2: XML error: ");
	check_sheet_prefix(XML_DECL "<worksheet><sheetData><row r=\"1\"><c>"
			   "<v>\xC3</v></c></row></sheetData></worksheet>",
			   "!sheet 1, line 2: XML error: ");
}

/* A sheet with `n` cells in row 1, written without references, or with
 * one cell of `text_len` bytes. */
static char *big_sheet(size_t n, size_t text_len)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, XML_DECL "<worksheet><sheetData><row r=\"1\">");
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, "<c><v>1</v></c>");
	if (text_len) {
		buf_puts(&b, "<c t=\"inlineStr\"><is><t>");
		for (size_t i = 0; i < text_len; i++)
			buf_putc(&b, 'x');
		buf_puts(&b, "</t></is></c>");
	}
	buf_puts(&b, "</row></sheetData></worksheet>");
	return buf_detach(&b, NULL);
}

static void test_limits(void **state)
{
	(void)state;
	/* Excel's last column is the last. */
	struct book_spec spec = { .sheet1 = big_sheet(16384, 0) };
	struct blob x = make_book(&spec);
	struct xlsx_book *b = xlsx_open(x.data, x.len, NULL, 0);
	assert_non_null(b);
	assert_int_equal(xlsx_sheet_begin(b, 0, NULL, 0), 0);
	struct xlsx_row row;
	assert_int_equal(xlsx_next_row(b, &row), 1);
	assert_int_equal(row.count, 16384);
	assert_string_equal(row.cells[16383], "1");
	assert_int_equal(xlsx_next_row(b, &row), 0);
	xlsx_close(b);
	free(x.data);
	free((char *)spec.sheet1);

	/* The same, by reference. */
	spec.sheet1 = SHEET("<row r=\"1\"><c r=\"XFD1\"><v>2</v></c></row>");
	x = make_book(&spec);
	b = xlsx_open(x.data, x.len, NULL, 0);
	assert_non_null(b);
	assert_int_equal(xlsx_sheet_begin(b, 0, NULL, 0), 0);
	assert_int_equal(xlsx_next_row(b, &row), 1);
	assert_int_equal(row.count, 16384);
	assert_string_equal(row.cells[0], "");
	assert_string_equal(row.cells[16383], "2");
	xlsx_close(b);
	free(x.data);

	spec.sheet1 = big_sheet(16385, 0);
	check_book(&spec, 0, "!sheet 1, row 1: more than 16384 columns");
	free((char *)spec.sheet1);

	spec.sheet1 = SHEET("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c>"
			    "<v>2</v></c></row>");
	check_book(&spec, 0, "!sheet 1, row 1: more than 16384 columns");

	/* A cell of 1 MiB is the longest. */
	spec.sheet1 = big_sheet(0, XLSX_MAX_CELL_BYTES);
	x = make_book(&spec);
	b = xlsx_open(x.data, x.len, NULL, 0);
	assert_non_null(b);
	assert_int_equal(xlsx_sheet_begin(b, 0, NULL, 0), 0);
	assert_int_equal(xlsx_next_row(b, &row), 1);
	assert_int_equal(row.lens[0], XLSX_MAX_CELL_BYTES);
	xlsx_close(b);
	free(x.data);
	free((char *)spec.sheet1);
	spec.sheet1 = big_sheet(0, XLSX_MAX_CELL_BYTES + 1);
	check_book(&spec, 0, "!sheet 1, cell A1: text longer than 1024 KiB");
	free((char *)spec.sheet1);
}

/* Find the central directory entry of `name` in the zip x and set its
 * uncompressed size. */
static void patch_declared_size(struct blob *x, const char *name,
				uint32_t size)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + 46 + n <= x->len; i++) {
		unsigned char *h = (unsigned char *)x->data + i;
		if (memcmp(h, "PK\x01\x02", 4) || h[28] != (n & 0xFF) ||
		    h[29] != (n >> 8) || memcmp(h + 46, name, n))
			continue;
		h[24] = (unsigned char)size;
		h[25] = (unsigned char)(size >> 8);
		h[26] = (unsigned char)(size >> 16);
		h[27] = (unsigned char)(size >> 24);
		return;
	}
	fail_msg("no central directory entry for %s", name);
}

/* Flip a bit at k/of of the compressed data of `name` in the zip x. */
static void damage_data(struct blob *x, const char *name, size_t k,
			size_t of)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + 30 + n <= x->len; i++) {
		unsigned char *h = (unsigned char *)x->data + i;
		if (memcmp(h, "PK\x03\x04", 4) || h[26] != (n & 0xFF) ||
		    h[27] != (n >> 8) || memcmp(h + 30, name, n))
			continue;
		size_t size = h[18] | (size_t)h[19] << 8 |
			      (size_t)h[20] << 16 | (size_t)h[21] << 24;
		size_t start = 30 + n + (h[28] | (size_t)h[29] << 8);
		h[start + size * k / of] ^= 0x01;
		return;
	}
	fail_msg("no local header for %s", name);
}

static void test_zip_bomb_limits(void **state)
{
	(void)state;
	char *sheet = big_sheet(3000, 0);
	struct book_spec spec = { .sheet1 = sheet };
	struct buf out = BUF_INIT;

	/* Said to be 600 MiB: refused before reading. */
	struct blob x = make_book(&spec);
	patch_declared_size(&x, "xl/worksheets/sheet1.xml", 600u << 20);
	render_blob(&out, &x, 0);
	assert_string_equal(buf_str(&out), "!sheet 1: the part is 629145600 "
			    "bytes once decompressed, over the limit of 512 "
			    "MiB for a file");
	free(x.data);

	/* Said to be 100 bytes, but more comes out. */
	x = make_book(&spec);
	patch_declared_size(&x, "xl/worksheets/sheet1.xml", 100);
	render_blob(&out, &x, 0);
	assert_string_equal(buf_str(&out), "!sheet 1, line 1: "
			    "xl/worksheets/sheet1.xml decompresses to more "
			    "than its declared size");
	free(x.data);

	/* Damaged compressed data: zlib, CRC or XML errors, never worse. */
	for (size_t k = 0; k < 40; k++) {
		x = make_book(&spec);
		damage_data(&x, "xl/worksheets/sheet1.xml", k, 40);
		render_blob(&out, &x, 0);
		const char *got = buf_str(&out);
		assert_true(strncmp(got, "!sheet 1, line ", 15) == 0 ||
			    strncmp(got, "1[1|1|", 6) == 0);
		free(x.data);
	}
	buf_release(&out);
	free(sheet);
}

static void test_no_sheet_begun(void **state)
{
	(void)state;
	struct book_spec spec = { .sheet1 = SHEET("") };
	struct blob x = make_book(&spec);
	struct xlsx_book *b = xlsx_open(x.data, x.len, NULL, 0);
	assert_non_null(b);
	struct xlsx_row row = { NULL, NULL, 42, 42 };
	assert_int_equal(xlsx_next_row(b, &row), -1);
	assert_string_equal(xlsx_error(b), "no sheet begun");
	assert_int_equal(row.count, 42);
	xlsx_close(b);
	xlsx_close(NULL);
	free(x.data);
}

/* Read a file into memory. */
static struct blob slurp(const char *path)
{
	struct blob b = { NULL, 0 };
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf data = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&data, chunk, n);
	fclose(f);
	b.data = buf_detach(&data, &b.len);
	return b;
}

/* Write a workbook with libxlsxwriter, as Excel users make them. */
static struct blob write_with_xlsxwriter(int constant_memory)
{
	char path[] = "/tmp/test_xlsx_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);

	lxw_workbook_options options = { .constant_memory =
						 constant_memory ? 1 : 0 };
	lxw_workbook *wb = workbook_new_opt(path, &options);
	assert_non_null(wb);
	lxw_worksheet *contacts = workbook_add_worksheet(wb, "Contacts");
	lxw_worksheet *dates = workbook_add_worksheet(wb, "Dates "
						      "\xC3\xA9t\xC3\xA9");
	lxw_format *day = workbook_add_format(wb);
	format_set_num_format(day, "dd/mm/yyyy");
	lxw_format *stamp = workbook_add_format(wb);
	format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);

	worksheet_write_string(contacts, 0, 0, "Nom", bold);
	worksheet_write_string(contacts, 0, 1, "Ville", bold);
	worksheet_write_string(contacts, 0, 2, "Montant", bold);
	worksheet_write_string(contacts, 1, 0, "Soci\xC3\xA9t\xC3\xA9 "
			       "G\xC3\xA9n\xC3\xA9rale", NULL);
	worksheet_write_string(contacts, 1, 1, "Besan\xC3\xA7on", NULL);
	worksheet_write_number(contacts, 1, 2, 1234.5, NULL);
	worksheet_write_string(contacts, 2, 0, "\xC5\x92uvre & fils <SA>",
			       NULL);
	worksheet_write_number(contacts, 2, 2, 0.1, NULL);
	worksheet_write_string(contacts, 4, 1, "ligne 1\r\nligne 2", NULL);

	lxw_datetime when = { 2023, 3, 15, 0, 0, 0 };
	lxw_datetime then = { 2023, 3, 15, 12, 30, 0 };
	worksheet_write_datetime(dates, 0, 0, &when, day);
	worksheet_write_datetime(dates, 0, 1, &then, stamp);
	worksheet_write_number(dates, 0, 2, 45000, NULL);
	worksheet_write_boolean(dates, 0, 3, 1, NULL);
	worksheet_write_formula_num(dates, 0, 4, "=C1+1", NULL, 45001);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct blob b = slurp(path);
	unlink(path);
	return b;
}

static void test_libxlsxwriter_files(void **state)
{
	(void)state;
	for (int constant_memory = 0; constant_memory < 2; constant_memory++) {
		struct blob x = write_with_xlsxwriter(constant_memory);
		char err[256] = "";
		struct xlsx_book *b = xlsx_open(x.data, x.len, err,
						sizeof(err));
		if (!b)
			fail_msg("%s", err);
		assert_int_equal(xlsx_sheet_count(b), 2);
		assert_string_equal(xlsx_sheet_name(b, 0), "Contacts");
		assert_string_equal(xlsx_sheet_name(b, 1),
				    "Dates \xC3\xA9t\xC3\xA9");
		struct buf out = BUF_INIT;
		assert_int_equal(xlsx_sheet_begin(b, 0, err, sizeof(err)), 0);
		render_rows(b, &out);
		assert_string_equal(buf_str(&out),
			"1[Nom|Ville|Montant]"
			"2[Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale|"
			"Besan\xC3\xA7on|1234.5]"
			"3[\xC5\x92uvre & fils <SA>||0.1]"
			"4[]"
			"5[|ligne 1\r\nligne 2]");
		buf_reset(&out);
		assert_int_equal(xlsx_sheet_begin(b, 1, err, sizeof(err)), 0);
		render_rows(b, &out);
		assert_string_equal(buf_str(&out),
			"1[2023-03-15|2023-03-15T12:30:00|45000|true|45001]");
		buf_release(&out);
		xlsx_close(b);
		free(x.data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_strings),
		cmocka_unit_test(test_many_shared_strings),
		cmocka_unit_test(test_cell_types),
		cmocka_unit_test(test_sparse_cells_and_rows),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date1904),
		cmocka_unit_test(test_two_sheets),
		cmocka_unit_test(test_unknown_shared_string),
		cmocka_unit_test(test_not_a_zip),
		cmocka_unit_test(test_no_workbook),
		cmocka_unit_test(test_missing_parts),
		cmocka_unit_test(test_xxe_refused),
		cmocka_unit_test(test_malformed_sheets),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_zip_bomb_limits),
		cmocka_unit_test(test_no_sheet_begun),
		cmocka_unit_test(test_libxlsxwriter_files),
	};
	xlsx_init();
	return cmocka_run_group_tests_name("xlsx", tests, NULL, NULL);
}
