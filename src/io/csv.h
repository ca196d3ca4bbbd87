/*
 * csv.h - streaming CSV reader over a block of memory.
 *
 * Reads RFC 4180 as real files write it: records end with CRLF, LF or a
 * lone CR (old Mac exports); fields may be quoted, with "" for a quote and
 * with separators and line ends inside; the last record may lack its line
 * end; a UTF-8 byte-order mark at the very start is skipped.  The separator
 * is ',' (RFC 4180), ';' (French Excel) or '\t', given or detected.
 *
 * What real files do that RFC 4180 forbids, and what the reader does:
 *   - rows of different lengths: accepted, row->count says how many fields
 *     this row has; whether that is an error is the caller's decision;
 *   - a quote inside an unquoted field (12" vinyl): kept literally;
 *   - a blank line: a row of one empty field (count 1, lens[0] 0), so that
 *     a one-column file can hold empty values; skip it if you wish;
 *   - text between a closing quote and the next separator or line end
 *     ("a"b): an error, as is a quoted field never closed, a field longer
 *     than the field-size limit (1 MiB by default) and a row with more
 *     fields than the field-count limit (16384 by default, Excel's width).
 *
 * Fields are copied, unquoted and unescaped, into one buffer owned by the
 * reader and reused from row to row: reading allocates nothing per field.
 * Each field is NUL-terminated, but may itself contain NUL bytes: the
 * lengths are authoritative.  Bytes are passed through untouched; the
 * reader does not validate the encoding (see text_utf8_valid()).
 *
 * Errors are sticky: after csv_next_row() returned -1, it keeps returning
 * -1, and csv_error() / csv_error_code() describe the first error with the
 * physical line (1-based), the column (1-based field number within the
 * row) and the byte offset (0-based, from the start of the data as given,
 * byte-order mark included) where the problem is.
 *
 * A reader is used by one thread at a time.
 */
#ifndef PASSERELLE_CSV_H
#define PASSERELLE_CSV_H

#include <stddef.h>

#define CSV_DEFAULT_MAX_FIELD ((size_t)1 << 20)
#define CSV_DEFAULT_MAX_FIELDS ((size_t)16384)

struct csv_reader;

/* One row, as filled by csv_next_row(). */
struct csv_row {
	const char *const *fields; /* fields[i] NUL-terminated, lens[i] bytes */
	const size_t *lens;
	size_t count; /* >= 1 for every row returned */
};

enum csv_errcode {
	CSV_OK = 0,
	CSV_ERR_UNBALANCED_QUOTE,   /* a quoted field runs to the end of data */
	CSV_ERR_TEXT_AFTER_QUOTE,   /* "a"b: text after the closing quote */
	CSV_ERR_FIELD_TOO_LONG,     /* over the field-size limit */
	CSV_ERR_TOO_MANY_FIELDS,    /* over the field-count limit */
	CSV_ERR_NOMEM,              /* the field index could not grow */
};

/* Where an error is: all three are 0 when there is no error. */
struct csv_position {
	size_t line;   /* physical line, 1-based */
	size_t column; /* field number within the row, 1-based */
	size_t byte;   /* offset from the start of the data, 0-based */
};

/*
 * A reader over data[0..len).  The data is not copied: it must stay
 * valid and unchanged until csv_reader_free().  `separator` is the field
 * separator (',', ';' or '\t'; any byte but '"', CR and LF is accepted), or
 * 0 to pick one with csv_detect_separator().  A UTF-8 byte-order mark at
 * the start is skipped.  Returns NULL when the separator is unusable or
 * memory is short.
 */
struct csv_reader *csv_reader_new(const char *data, size_t len,
				  char separator);

/*
 * Change the limits: the longest field in bytes (after unescaping) and
 * the most fields in one row.  0 leaves a limit as it is.  Call before the
 * first csv_next_row().
 */
void csv_reader_set_limits(struct csv_reader *r, size_t max_field,
			   size_t max_fields);

/* The separator in use (the detected one when 0 was given). */
char csv_separator(const struct csv_reader *r);

/*
 * Read the next row into *row.  Returns 1 with a row, 0 at the end of the
 * data (an empty file has no rows; a final line end does not make an
 * empty last row), -1 on error (see csv_error()).  The row's pointers
 * belong to the reader and stay valid until the next call or
 * csv_reader_free(), whichever comes first.  *row is left untouched when
 * no row is returned.
 */
int csv_next_row(struct csv_reader *r, struct csv_row *row);

/*
 * The error as an English sentence for logs and developers, e.g.
 * "line 12, column 3 (byte 457): unbalanced quote: the quoted field opened
 * here is never closed"; "" when there was none.  Valid until
 * csv_reader_free().  Callers that speak to users should translate from
 * csv_error_code() instead.
 */
const char *csv_error(const struct csv_reader *r);

/* The error's code, and its position in *where unless where is NULL. */
enum csv_errcode csv_error_code(const struct csv_reader *r,
				struct csv_position *where);

/*
 * The physical line (1-based) where the row last returned, or the row in
 * error, starts; 0 before the first row.  Lines are counted across line
 * ends inside quoted fields, so this is the line an editor shows.
 */
size_t csv_line(const struct csv_reader *r);

/*
 * Guess the separator of data[0..len) among ',', ';' and '\t': the one
 * that splits the first rows (up to 64 KiB of them, quotes respected)
 * into the same number of fields, at least two, on the most rows; ties go
 * to the one making more fields, then to ',' before ';' before '\t'.
 * Returns ',' when nothing tells, e.g. for a file with a single column.
 */
char csv_detect_separator(const char *data, size_t len);

/* Free the reader and its buffers; NULL is a no-op. */
void csv_reader_free(struct csv_reader *r);

#endif
