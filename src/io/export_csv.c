/* export_csv.c - the CSV format of export.h. */
#include <stdio.h>
#include <string.h>

#include "io/export_internal.h"

/* What joins the values of a list: never the separator (see export.h). */
static const char *csv_joiner(const struct export_writer *w)
{
	return w->separator == ',' ? "; " : ", ";
}

/* Append one field: `prefix` (NULL or a formula guard) then s[0..n),
 * quoted as RFC 4180 says when it holds the separator, a quote or a line
 * end. */
static void csv_field(struct buf *line, char sep, const char *prefix,
		      const char *s, size_t n)
{
	int quote = 0;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == sep || s[i] == '"' || s[i] == '\r' ||
			s[i] == '\n';
	if (!quote) {
		if (prefix)
			buf_puts(line, prefix);
		buf_append(line, s, n);
		return;
	}
	buf_putc(line, '"');
	if (prefix)
		buf_puts(line, prefix);
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '"')
			continue;
		buf_append(line, s + start, i + 1 - start);
		buf_putc(line, '"');
		start = i + 1;
	}
	buf_append(line, s + start, n - start);
	buf_putc(line, '"');
}

/* Append text (already in w->cell) as a field, guarded against formulas. */
static void csv_text(struct export_writer *w)
{
	const char *s = buf_str(&w->cell);
	const char *guard = export_is_formula_start(s) ? "'" : NULL;
	csv_field(&w->line, w->separator, guard, s, w->cell.len);
}

/* Append one cell of column `col` to w->line. */
static void csv_cell(struct export_writer *w, const struct export_column *col,
		     const struct export_value *v)
{
	const char *one = export_cell_single(v);
	struct export_time t;
	buf_reset(&w->cell);
	int numeric = col->type == EXPORT_NUMBER || col->type == EXPORT_INTEGER;
	if (one && numeric && export_is_number(one)) {
		/* A real number: no guard, so that "-60.99" stays a number. */
		buf_puts(&w->cell, one);
		if (w->separator == ';') {
			char *dot = strchr(w->cell.data, '.');
			if (dot)
				*dot = ',';
		}
		buf_append(&w->line, w->cell.data, w->cell.len);
		return;
	}
	if (one && (col->type == EXPORT_DATE || col->type == EXPORT_DATETIME) &&
	    export_parse_time(one, col->type == EXPORT_DATETIME, &t) == 0) {
		if (!w->french_dates)
			buf_puts(&w->line, one);
		else if (col->type == EXPORT_DATE)
			buf_printf(&w->line, "%02d/%02d/%04d", t.day, t.month,
				   t.year);
		else
			buf_printf(&w->line, "%02d/%02d/%04d %02d:%02d:%02d",
				   t.day, t.month, t.year, t.hour, t.min,
				   t.sec);
		return;
	}
	export_cell_join(&w->cell, v, csv_joiner(w));
	csv_text(w);
}

static int csv_begin(struct export_writer *w)
{
	buf_reset(&w->line);
	if (w->bom)
		buf_puts(&w->line, "\xEF\xBB\xBF");
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			buf_putc(&w->line, w->separator);
		buf_reset(&w->cell);
		text_utf8_repair(&w->cell, w->cols[i].header, strlen(w->cols[i].header));
		csv_text(w);
	}
	buf_puts(&w->line, "\r\n");
	return export_write(w, w->line.data, w->line.len);
}

static int csv_row(struct export_writer *w, const struct export_value *cells)
{
	buf_reset(&w->line);
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			buf_putc(&w->line, w->separator);
		csv_cell(w, &w->cols[i], &cells[i]);
	}
	buf_puts(&w->line, "\r\n");
	return export_write(w, w->line.data, w->line.len);
}

static int csv_finish(struct export_writer *w)
{
	(void)w;
	return 0;
}

static void csv_release(struct export_writer *w)
{
	(void)w;
}

const struct export_ops export_csv_ops = {
	.begin = csv_begin,
	.row = csv_row,
	.finish = csv_finish,
	.release = csv_release,
};
