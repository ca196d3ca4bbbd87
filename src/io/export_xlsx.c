/*
 * export_xlsx.c - the XLSX format of export.h, through libxlsxwriter in
 * constant-memory mode: each row goes to a temporary file (in the output
 * file's directory, which has room for the output anyway) as soon as the
 * next one starts, and workbook_close() zips it into the output file.
 * The price of that mode: rows must come in order and strings are stored
 * inline rather than shared, both of which suit a streamed export.
 *
 * Column widths and the autofilter's range are only known at the end;
 * libxlsxwriter writes both when it assembles the sheet, so setting them
 * after the rows is fine.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "io/export_internal.h"

#define XLSX_MAX_TEXT 32767      /* characters in a cell, Excel's limit */
#define XLSX_MAX_DIGITS 15       /* significant digits Excel keeps */
#define XLSX_SHEET_NAME_MAX 31   /* characters in a sheet name */
#define XLSX_MIN_WIDTH 8.0
#define XLSX_MAX_WIDTH 50.0

struct xlsx_state {
	lxw_workbook *book;
	lxw_worksheet *sheet;
	lxw_format *header;
	lxw_format *date;
	lxw_format *datetime;
	char *tmpdir;
	char name[XLSX_SHEET_NAME_MAX * 4 + 1]; /* the first sheet's name */
	unsigned sheets;       /* sheets opened so far */
	lxw_row_t row;         /* the next row of the current sheet */
	double *widths;        /* per column, in characters */
};

/* The number of UTF-8 characters in s[0..n) (valid UTF-8). */
static size_t xlsx_chars(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

/* The byte length of the longest prefix of s[0..n) (valid UTF-8) that
 * holds at most `max` characters as Excel counts them, in UTF-16 units:
 * a character past U+FFFF (4 octets in UTF-8) counts twice. */
static size_t xlsx_prefix(const char *s, size_t n, size_t max)
{
	size_t units = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		units += c >= 0xF0 ? 2 : 1;
		if (units > max)
			return i;
	}
	return n;
}

/* Widen column col to fit `chars` characters. */
static void xlsx_fit(struct xlsx_state *st, size_t col, size_t chars)
{
	double want = (double)chars + 2;
	if (want > XLSX_MAX_WIDTH)
		want = XLSX_MAX_WIDTH;
	if (want > st->widths[col])
		st->widths[col] = want;
}

/* Make the first sheet's name from the option: characters Excel refuses
 * become '_', at most 31 characters, "Export" when nothing is left. */
static void xlsx_sheet_name(struct xlsx_state *st, const char *given)
{
	struct buf clean = BUF_INIT;
	text_utf8_repair(&clean, given, strlen(given));
	for (size_t i = 0; i < clean.len; i++) {
		unsigned char c = (unsigned char)clean.data[i];
		if (c < 0x20 || c == 0x7F || strchr("[]:*?/\\", c))
			clean.data[i] = '_';
	}
	if (clean.len && clean.data[0] == '\'')
		clean.data[0] = '_';
	if (clean.len && clean.data[clean.len - 1] == '\'')
		clean.data[clean.len - 1] = '_';
	size_t n = xlsx_prefix(buf_str(&clean), clean.len,
			       XLSX_SHEET_NAME_MAX);
	/* "History" is reserved by Excel. */
	if (n == 0 || (n == 7 && strncasecmp(clean.data, "history", 7) == 0))
		snprintf(st->name, sizeof(st->name), "Export");
	else
		snprintf(st->name, sizeof(st->name), "%.*s", (int)n,
			 clean.data);
	buf_release(&clean);
}

/* Write prefix and s[0..n) as a string cell of the current row, cut to
 * Excel's limit, in `format` (NULL: the default); 0 or -1. */
static int xlsx_string(struct export_writer *w, struct xlsx_state *st,
		       size_t col, const char *prefix, const char *s, size_t n,
		       lxw_format *format)
{
	struct buf *text = &w->line;
	buf_reset(text);
	if (prefix)
		buf_puts(text, prefix);
	buf_append(text, s, n);
	n = xlsx_prefix(text->data, text->len, XLSX_MAX_TEXT);
	text->data[n] = '\0';
	/* The width follows the first line of the text. */
	const char *nl = memchr(text->data, '\n', n);
	xlsx_fit(st, col, xlsx_chars(text->data, nl ? (size_t)(nl - text->data)
						       : n));
	lxw_error e = worksheet_write_string(st->sheet, st->row, (lxw_col_t)col,
					     text->data, format);
	if (e != LXW_NO_ERROR)
		return export_fail(w, "%s: row %zu, column %zu: %s", w->path,
				   w->rows + 1, col + 1, lxw_strerror(e));
	return 0;
}

/* Write text (already in w->cell) guarded against formulas. */
static int xlsx_text(struct export_writer *w, struct xlsx_state *st,
		     size_t col, lxw_format *format)
{
	const char *s = buf_str(&w->cell);
	if (w->cell.len == 0)
		return 0;
	return xlsx_string(w, st, col,
			   export_is_formula_start(s) ? "'" : NULL, s,
			   w->cell.len, format);
}

/* The number of significant digits of a number in JSON's syntax. */
static int xlsx_significant_digits(const char *s)
{
	int digits = 0, pending_zeros = 0, seen_nonzero = 0, after_dot = 0;
	for (const char *p = s; *p && *p != 'e' && *p != 'E'; p++) {
		if (*p == '.') {
			after_dot = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			continue;
		if (*p == '0') {
			if (!seen_nonzero)
				continue;
			if (after_dot) {
				/* Trailing zeros do not count. */
				pending_zeros++;
				continue;
			}
			digits++;
			continue;
		}
		seen_nonzero = 1;
		digits += pending_zeros + 1;
		pending_zeros = 0;
	}
	return digits;
}

static int xlsx_cell(struct export_writer *w, struct xlsx_state *st,
		     size_t col, const struct export_value *v)
{
	enum export_type type = w->cols[col].type;
	const char *one = export_cell_single(v);
	lxw_col_t c = (lxw_col_t)col;
	lxw_error e = LXW_NO_ERROR;
	struct export_time t;

	if (one && (type == EXPORT_NUMBER || type == EXPORT_INTEGER) &&
	    export_is_number(one)) {
		double d = strtod(one, NULL);
		if (!isfinite(d) ||
		    xlsx_significant_digits(one) > XLSX_MAX_DIGITS)
			/* Still a real number: no formula guard. */
			return xlsx_string(w, st, col, NULL, one, strlen(one),
					   NULL);
		xlsx_fit(st, col, strlen(one));
		e = worksheet_write_number(st->sheet, st->row, c, d, NULL);
	} else if (one && (type == EXPORT_DATE || type == EXPORT_DATETIME) &&
		   export_parse_time(one, type == EXPORT_DATETIME, &t) == 0 &&
		   t.year >= 1900) {
		lxw_datetime dt = { t.year, t.month, t.day, t.hour, t.min,
				    (double)t.sec };
		int with_time = type == EXPORT_DATETIME;
		xlsx_fit(st, col, with_time ? 19 : 10);
		lxw_format *fmt = with_time ? st->datetime : st->date;
		e = worksheet_write_datetime(st->sheet, st->row, c, &dt, fmt);
	} else if (one && type == EXPORT_BOOL &&
		   (strcmp(one, "true") == 0 || strcmp(one, "false") == 0)) {
		xlsx_fit(st, col, 5);
		e = worksheet_write_boolean(st->sheet, st->row, c,
					    one[0] == 't', NULL);
	} else {
		buf_reset(&w->cell);
		export_cell_join(&w->cell, v, "; ");
		return xlsx_text(w, st, col, NULL);
	}
	if (e != LXW_NO_ERROR)
		return export_fail(w, "%s: row %zu, column %zu: %s", w->path,
				   w->rows + 1, col + 1, lxw_strerror(e));
	return 0;
}

/* Set the widths and the autofilter of the current sheet. */
static int xlsx_end_sheet(struct export_writer *w, struct xlsx_state *st)
{
	lxw_col_t last = (lxw_col_t)(w->ncols - 1);
	lxw_error e = worksheet_autofilter(st->sheet, 0, 0, st->row - 1, last);
	for (size_t i = 0; i < w->ncols && e == LXW_NO_ERROR; i++)
		e = worksheet_set_column(st->sheet, (lxw_col_t)i,
					 (lxw_col_t)i, st->widths[i], NULL);
	if (e != LXW_NO_ERROR)
		return export_fail(w, "%s: %s", w->path, lxw_strerror(e));
	return 0;
}

/* Open the next sheet with its bold, frozen header row. */
static int xlsx_new_sheet(struct export_writer *w, struct xlsx_state *st)
{
	char name[sizeof(st->name) + 16];
	st->sheets++;
	if (st->sheets == 1) {
		snprintf(name, sizeof(name), "%s", st->name);
	} else {
		char suffix[16];
		int n = snprintf(suffix, sizeof(suffix), " (%u)", st->sheets);
		size_t keep = xlsx_prefix(st->name, strlen(st->name),
					  XLSX_SHEET_NAME_MAX - (size_t)n);
		snprintf(name, sizeof(name), "%.*s%s", (int)keep, st->name,
			 suffix);
	}
	st->sheet = workbook_add_worksheet(st->book, name);
	if (!st->sheet)
		return export_fail(w, "%s: cannot add the worksheet \"%s\" "
				   "(temporary file in %s?)", w->path, name,
				   st->tmpdir);
	worksheet_freeze_panes(st->sheet, 1, 0);
	st->row = 0;
	for (size_t i = 0; i < w->ncols; i++) {
		buf_reset(&w->cell);
		text_utf8_repair(&w->cell, w->cols[i].header, strlen(w->cols[i].header));
		if (xlsx_text(w, st, i, st->header) < 0)
			return -1;
		/* Bold and the filter's arrow take about two characters. */
		if (w->cell.len)
			xlsx_fit(st, i, xlsx_chars(w->line.data,
						   strlen(w->line.data)) + 2);
	}
	st->row = 1;
	return 0;
}

/* The directory of path, for libxlsxwriter's temporary files. */
static char *xlsx_directory(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int xlsx_begin(struct export_writer *w)
{
	struct xlsx_state *st = calloc(1, sizeof(*st));
	if (!st)
		return export_fail(w, "out of memory");
	w->state = st;
	if (w->ncols > LXW_COL_MAX)
		return export_fail(w, "XLSX holds at most %d columns, not %zu",
				   LXW_COL_MAX, w->ncols);
	st->widths = calloc(w->ncols, sizeof(*st->widths));
	st->tmpdir = xlsx_directory(w->path);
	if (!st->widths || !st->tmpdir)
		return export_fail(w, "out of memory");
	for (size_t i = 0; i < w->ncols; i++)
		st->widths[i] = XLSX_MIN_WIDTH;
	xlsx_sheet_name(st, w->sheet_name);

	lxw_workbook_options options = {
		.constant_memory = LXW_TRUE,
		.tmpdir = st->tmpdir,
		.use_zip64 = LXW_FALSE,
	};
	st->book = workbook_new_opt(w->path, &options);
	if (!st->book)
		return export_fail(w, "%s: cannot start the workbook", w->path);
	st->header = workbook_add_format(st->book);
	st->date = workbook_add_format(st->book);
	st->datetime = workbook_add_format(st->book);
	if (!st->header || !st->date || !st->datetime)
		return export_fail(w, "out of memory");
	format_set_bold(st->header);
	format_set_num_format(st->date, "dd/mm/yyyy");
	format_set_num_format(st->datetime, "dd/mm/yyyy hh:mm:ss");
	return xlsx_new_sheet(w, st);
}

static int xlsx_row(struct export_writer *w, const struct export_value *cells)
{
	struct xlsx_state *st = w->state;
	if (st->row >= LXW_ROW_MAX &&
	    (xlsx_end_sheet(w, st) < 0 || xlsx_new_sheet(w, st) < 0))
		return -1;
	for (size_t i = 0; i < w->ncols; i++)
		if (xlsx_cell(w, st, i, &cells[i]) < 0)
			return -1;
	st->row++;
	return 0;
}

static int xlsx_finish(struct export_writer *w)
{
	struct xlsx_state *st = w->state;
	if (xlsx_end_sheet(w, st) < 0)
		return -1;
	lxw_error e = workbook_close(st->book);
	st->book = NULL;
	if (e != LXW_NO_ERROR)
		return export_fail(w, "%s: %s", w->path, lxw_strerror(e));
	return 0;
}

static void xlsx_release(struct export_writer *w)
{
	struct xlsx_state *st = w->state;
	if (!st)
		return;
	/* After a failure: closing is the one way to have libxlsxwriter free
	 * its temporary files; export.c removes what it writes. */
	if (st->book)
		workbook_close(st->book);
	free(st->widths);
	free(st->tmpdir);
	free(st);
	w->state = NULL;
}

const struct export_ops export_xlsx_ops = {
	.begin = xlsx_begin,
	.row = xlsx_row,
	.finish = xlsx_finish,
	.release = xlsx_release,
};
