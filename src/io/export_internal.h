/*
 * export_internal.h - what export.c shares with the format writers
 * (export_csv.c, export_xlsx.c, export_json.c, export_vcard.c).  Not for
 * use outside src/io/export*.c.
 *
 * export.c owns the writer: it checks the arguments, copies the columns,
 * opens the output file for the text formats, keeps the sticky error and
 * the counts, and calls the format's operations.  A format keeps its own
 * state behind w->state.
 */
#ifndef PASSERELLE_EXPORT_INTERNAL_H
#define PASSERELLE_EXPORT_INTERNAL_H

#include <stdio.h>

#include "base/buf.h"
#include "base/text.h"
#include "io/export.h"

struct export_ops {
	/* Set up w->state and write what comes before the rows; 0 or -1
	 * (after export_fail()). */
	int (*begin)(struct export_writer *w);
	/* Write one row; 0, -1 after export_fail(), or 1 when the row is
	 * skipped (GeoJSON without coordinates). */
	int (*row)(struct export_writer *w, const struct export_value *cells);
	/* Write what comes after the rows and finish the output; 0 or -1.
	 * Called once, and only when no step failed.  For the text formats
	 * export.c closes the file afterwards. */
	int (*finish)(struct export_writer *w);
	/* Free w->state (NULL is possible); called once, after finish or
	 * instead of it when a step failed. */
	void (*release)(struct export_writer *w);
};

struct export_writer {
	enum export_format format;
	const struct export_ops *ops;
	struct export_column *cols; /* copies, keys and headers with them */
	size_t ncols;
	char separator;             /* options, defaults applied */
	int bom;
	int french_dates;
	int vcard_version;
	char *sheet_name;           /* "" when not given */
	char *path;
	FILE *out;                  /* the text formats' file; NULL for XLSX */
	int regular;                /* path is a regular file: remove it on
				     * failure (never /dev/stdout...) */
	void *state;                /* the format's own */
	struct buf line;            /* scratch reused from row to row */
	struct buf cell;
	size_t rows;
	size_t skipped;
	int failed;
	char error[256];
};

extern const struct export_ops export_csv_ops;
extern const struct export_ops export_xlsx_ops;
extern const struct export_ops export_json_ops;
extern const struct export_ops export_geojson_ops;
extern const struct export_ops export_vcard_ops;

/* Record the first error (printf-style) and return -1. */
int export_fail(struct export_writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Write data[0..len) to w->out; 0, or -1 after export_fail(). */
int export_write(struct export_writer *w, const void *data, size_t len);

/* The column whose key is `key`, or -1. */
long export_column_index(const struct export_writer *w, const char *key);

/* 1 when s reads as a JSON number ("-60.99", "0", "1e5"), else 0. */
int export_is_number(const char *s);

/* 1 when a spreadsheet could read s as a formula: its first byte is '=',
 * '+', '-', '@', tab or CR. */
int export_is_formula_start(const char *s);

struct export_time {
	int year, month, day, hour, min, sec;
};

/* Read "YYYY-MM-DD" (with_time 0) or "YYYY-MM-DDTHH:MM:SSZ" (with_time 1)
 * into *t, checking the ranges (the day against the month); 0 or -1. */
int export_parse_time(const char *s, int with_time, struct export_time *t);

/* The number of values of the cell that are neither NULL nor "". */
size_t export_cell_count(const struct export_value *v);

/* The cell's only value when it has exactly one (not counting NULL and ""
 * ones), else NULL. */
const char *export_cell_single(const struct export_value *v);

/* Append the cell's values (but NULL and "" ones), UTF-8 repaired, joined
 * by `joiner`. */
void export_cell_join(struct buf *out, const struct export_value *v,
		      const char *joiner);

#endif
