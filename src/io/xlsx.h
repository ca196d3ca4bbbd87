/*
 * xlsx.h - streaming reader of XLSX workbooks (Office Open XML
 * spreadsheets, as Excel, LibreOffice and libxlsxwriter write them), over
 * a block of memory.
 *
 * A workbook is a zip archive (libzip) of XML parts (libxml2's xmlReader).
 * xlsx_open() reads the list of sheets; xlsx_sheet_begin() picks one;
 * xlsx_next_row() then returns its rows one at a time, each cell as UTF-8
 * text, in the shape csv.h gives a CSV file, so that an import can take
 * either.  The sheet's XML is decompressed and parsed as the rows are
 * asked for: the memory used does not grow with the number of rows, only
 * with the size of the current row and of the shared-string table (the
 * strings the sheet refers to by number, which must be held whole).
 *
 * What a cell's text is, by the cell's type:
 *   - strings (shared, inline, formula results): the text, rich-text runs
 *     concatenated, phonetic guides left out, Excel's _xHHHH_ escapes
 *     decoded (_x000D_ is a CR);
 *   - numbers: the text of the XML as written ("0.1", "1.5E-3"), never
 *     reformatted, so no floating-point noise;
 *   - numbers whose cell format shows a date (built-in formats 14-22 and
 *     45-47; custom formats with d, m, y, h or s outside quotes and
 *     brackets, or an elapsed time [h] [m] [s]): "YYYY-MM-DD" for a date
 *     format (the day of the value rounded to the millisecond, as Excel
 *     shows it), "YYYY-MM-DDTHH:MM:SS" for a format with a time (rounded
 *     to the second), "HH:MM:SS" for a value below 1 in a time-only
 *     format (or in a date-and-time format of the 1900 system, where day
 *     0 does not exist).  Serial numbers follow the workbook's date
 *     system: 1900 (1 is 1900-01-01, and 60 is Lotus's 1900-02-29, kept
 *     because Excel shows it) or 1904 (0 is 1904-01-01) when workbook.xml
 *     says date1904.  A value that is no date (negative, after
 *     9999-12-31, day 0 of the 1900 system in a date-only format, not a
 *     number) stays as written;
 *   - booleans: "true" or "false"; errors: their text ("#DIV/0!");
 *   - a formula without a cached value, or a cell without value: "".
 *
 * Rows and columns stay where they are in the sheet:
 *   - a row holds the cells from column A to its last non-empty cell;
 *     cells the XML leaves out (A1 then C1) are "" so that cells[i] is
 *     column i + 1; empty cells after the last non-empty one are not
 *     counted;
 *   - rows are returned for every row number from 1 to the last row with
 *     a non-empty cell: a row the XML skips, or writes without values
 *     (formatting only), is returned as an empty row (count 0), so that
 *     row_number always goes up by one and matches Excel's row numbers.
 *     Empty rows after the last non-empty row are not returned.
 *   Merged cells hold their value in their top-left cell only.
 *
 * Hostile input is expected: the total number of bytes decompressed from
 * one workbook, all parts and all passes together, is limited (a part
 * whose declared size is over what is left is refused before it is read,
 * and reading stops as soon as the bytes actually decompressed are over,
 * or over the part's declared size); reading a big sheet twice may thus
 * need a second xlsx_open();
 * XML documents with a DTD are refused, and no entity is ever loaded or
 * expanded, nor any network access made; sheets are limited to Excel's
 * 1,048,576 rows and 16,384 columns, a cell's text to 1 MiB.  Every
 * error is a message naming the sheet and the cell, row or XML line, e.g.
 * "sheet 1, cell C12: unknown shared string 99".
 *
 * A book is used by one thread at a time.  Call xlsx_init() once before
 * threads start.
 */
#ifndef PASSERELLE_XLSX_H
#define PASSERELLE_XLSX_H

#include <stddef.h>

/* Bytes decompressed from one workbook, over all the parts read. */
#define XLSX_MAX_INFLATED ((size_t)512 << 20)
/* Shared-string table in memory: text plus its index. */
#define XLSX_MAX_SHARED_STRINGS_BYTES ((size_t)256 << 20)
/* Text of one cell. */
#define XLSX_MAX_CELL_BYTES ((size_t)1 << 20)
/* Text of one row, shared strings not counted (they are not copied). */
#define XLSX_MAX_ROW_BYTES ((size_t)64 << 20)
/* Excel's own limits. */
#define XLSX_MAX_ROWS ((size_t)1048576)
#define XLSX_MAX_COLUMNS ((size_t)16384)
/* Sheets in one workbook. */
#define XLSX_MAX_SHEETS ((size_t)4096)

struct xlsx_book;

/* One row, as filled by xlsx_next_row(). */
struct xlsx_row {
	const char *const *cells; /* cells[i] NUL-terminated, lens[i] bytes */
	const size_t *lens;
	size_t count;      /* 0 for an empty row */
	size_t row_number; /* 1-based sheet row */
};

/* Where an error is; each field 0 when it does not apply or is unknown. */
struct xlsx_position {
	size_t sheet;  /* 1-based index of the sheet being read */
	size_t row;    /* 1-based sheet row */
	size_t column; /* 1-based column, A being 1 */
	size_t line;   /* line in the XML part */
};

/*
 * Initialise libxml2.  Call once before threads start; calling it again
 * does nothing.  xlsx_open() calls it too, which is enough for a program
 * with one thread.
 */
void xlsx_init(void);

/*
 * Open the workbook in data[0..len).  The data is not copied: it must
 * stay valid and unchanged until xlsx_close().  Reads the workbook part
 * (found through _rels/.rels, xl/workbook.xml by default): the sheet
 * names, the date system and where each sheet's part is.  Returns the
 * book, or NULL with a message in err[0..errlen) (when err is not NULL),
 * e.g. "not an XLSX file (no zip archive)", "not an XLSX file (no
 * workbook: xl/workbook.xml is missing)".
 */
struct xlsx_book *xlsx_open(const void *data, size_t len, char *err,
			    size_t errlen);

/* Number of sheets, in the workbook's order (hidden sheets included). */
size_t xlsx_sheet_count(const struct xlsx_book *b);

/* Name of sheet i (0-based), as the tab shows it; NULL when i is out of
 * range.  Valid until xlsx_close(). */
const char *xlsx_sheet_name(const struct xlsx_book *b, size_t i);

/*
 * Start reading sheet `index` (0-based), ending the reading of any other
 * sheet; a sheet may be read again from its start.  The first call also
 * reads the shared strings and the cell formats.  Returns 0, or -1 with a
 * message in err[0..errlen) (when err is not NULL) and in xlsx_error():
 * index out of range, the sheet is a chart sheet, its part is missing, or
 * the shared strings or formats are broken.  After -1, xlsx_next_row()
 * returns -1.
 */
int xlsx_sheet_begin(struct xlsx_book *b, size_t index, char *err,
		     size_t errlen);

/*
 * Read the next row of the current sheet into *row.  Returns 1 with a
 * row, 0 at the end of the sheet, -1 on error (see xlsx_error()) or when
 * no sheet was begun.  The row's pointers belong to the book and stay
 * valid until the next call to xlsx_next_row(), xlsx_sheet_begin() or
 * xlsx_close().  *row is left untouched when no row is returned.  The end
 * and errors are sticky until the next xlsx_sheet_begin().
 */
int xlsx_next_row(struct xlsx_book *b, struct xlsx_row *row);

/*
 * The last error as an English sentence for logs and developers, e.g.
 * "sheet 1, cell C12: unknown shared string 99" or "sheet 2, line 7: XML
 * error: ..."; "" when there was none.  Valid until the next call on the
 * book.
 */
const char *xlsx_error(const struct xlsx_book *b);

/* Where the last error is, for messages in the user's language. */
void xlsx_error_position(const struct xlsx_book *b,
			 struct xlsx_position *where);

/* Close the book and free everything it holds; NULL is a no-op. */
void xlsx_close(struct xlsx_book *b);

#endif
