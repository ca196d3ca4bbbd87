/*
 * export.h - streaming writers for the files users take away: CSV, XLSX,
 * JSON, GeoJSON (RFC 7946) and vCard (RFC 6350 4.0, or 3.0 for Outlook).
 *
 * The caller opens a writer on a file path with the columns of what the
 * user sees, hands it the records one row at a time (export_row()), in
 * the order they are to appear, then closes it.  Memory does not grow with
 * the number of rows: CSV, JSON, GeoJSON and vCard write each row as it
 * comes through one buffer reused from row to row, and XLSX uses
 * libxlsxwriter's constant-memory mode, which keeps one row in memory and
 * the rest in a temporary file in the output file's directory.
 *
 * A cell is 0..n values, all UTF-8 text as the store holds them; the
 * column's type says how to read them.  A value that does not read as its
 * type says (a NUMBER column holding "n/a", a DATE holding "2024-13-45")
 * is written as text, so that nothing is lost; a cell of a non-list column
 * holding several values is written as a list would be.  Ill-formed UTF-8
 * becomes U+FFFD, byte by byte, in every format: every file written is
 * valid UTF-8.
 *
 * Formats, and what each does for the tools that open it:
 *
 *   CSV - RFC 4180: a header row of the columns' headers, fields quoted
 *   when they hold the separator, a quote, CR or LF (quotes doubled),
 *   records ending in CRLF as Excel writes them.  Options: the separator
 *   (',' by default, ';' for French Excel, '\t' also accepted), a UTF-8
 *   byte-order mark (Excel needs it to read UTF-8), dates as dd/mm/yyyy
 *   and date-times as "dd/mm/yyyy hh:mm:ss" (UTC, as stored) instead of
 *   ISO 8601.  Numbers are written as given, with a decimal point; when
 *   the separator is ';' (French Excel, whose decimal mark is the comma)
 *   with a decimal comma instead, so that they open as numbers.  The
 *   values of a list are joined with "; " when the separator is ',' and
 *   with ", " when it is ';' or tab: the joiner never contains the
 *   separator, so a tool splitting naively on it still finds the right
 *   columns; a value that itself contains the joiner cannot be told from
 *   two values (use JSON to keep lists exact).
 *
 *   XLSX - one worksheet (named by options.sheet_name, made valid for
 *   Excel: at most 31 characters, none of []:*?/\), a bold header row,
 *   frozen, with an autofilter over the data; column widths from the
 *   longest value seen (capped); typed cells: numbers as numbers, dates
 *   and date-times as Excel dates shown dd/mm/yyyy (date-times in UTC:
 *   Excel has no time zones), booleans as booleans, the rest as text.
 *   Strings are always written as strings, never as formulas.  Numbers
 *   with more than 15 significant digits, which Excel would round, and
 *   dates before 1900, which Excel cannot hold, are written as text; a
 *   text longer than Excel's 32,767 characters (UTF-16 units) is cut
 *   there.  Lists are
 *   joined with "; ".  Past Excel's 1,048,576 rows, the rows continue on a
 *   new worksheet "NAME (2)", with the header again.
 *
 *   JSON - a top-level array of objects, one per row, keyed by the
 *   columns' keys: TEXT, DATE and DATETIME as strings, NUMBER and INTEGER
 *   as numbers (written as given, never rounded through a double), BOOL as
 *   true/false, LIST as an array of strings; an empty cell is null ([] for
 *   a list); a value that does not read as its type, or a number past a
 *   double's range (1e400), is a string.
 *
 *   GeoJSON - a FeatureCollection of Point features: a row whose columns
 *   keyed "latitude" and "longitude" both hold a number (in range: -90..90
 *   and -180..180) becomes a feature with coordinates [longitude,
 *   latitude], in that order (RFC 7946 section 3.1.1), the other columns
 *   being its properties (typed as in JSON) and a column keyed "id", when
 *   there is one, also giving the feature's id.  Rows without usable
 *   coordinates are skipped and counted (export_skipped()).  Opening fails
 *   when the columns do not include both keys.
 *
 *   vCard - one card per row, for people, from the columns with these keys
 *   (any may be missing; other columns are ignored): id, given_name,
 *   family_name, emails, phones, organization, title, languages, notes,
 *   updated_at.  Each card has FN (the given and family names, else the
 *   first email, else the first organisation), N, UID
 *   "urn:passerelle:person:ID" (when there is an id; stable across
 *   exports, so that re-importing updates rather than duplicates), ORG and
 *   TITLE (organization[i] goes with title[i]; with several, each pair is
 *   tied by a group name "orgN."), EMAIL, TEL, LANG (4.0 only: 3.0 has no
 *   such property), one NOTE per value of notes, and REV (updated_at
 *   when it is a date-time, else the time the export was opened).
 *   Version 4.0 writes a phone in international form (+ and digits, with
 *   spaces, dots, dashes or brackets between) as TEL;VALUE=uri:tel:+DIGITS
 *   and any other phone as text; version 3.0 writes TEL;TYPE=WORK: and
 *   EMAIL;TYPE=INTERNET:, which Outlook maps to its fields, and no VALUE
 *   parameters.  Text is escaped as RFC 6350 section 3.4 says (backslash,
 *   comma, semicolon; a line end, CRLF, CR or LF, as \n), other control
 *   characters but tab are dropped, and lines are folded at 75 octets with
 *   CRLF and a space, never inside a UTF-8 sequence or an escape.  Every
 *   line ends in CRLF.
 *
 * Formula injection (OWASP, "CSV injection"): in CSV and XLSX, a text cell
 * and a header whose first character is '=', '+', '-', '@', tab or CR is
 * written with a single quote before it, so that a spreadsheet shows it
 * as text instead of running it.  A cell of a NUMBER or INTEGER column
 * that is a real number ("-60.99", a negative longitude) is left alone.
 * XLSX cannot run a string cell, but a user who saves the sheet as CSV and
 * opens that CSV would get the risk back, so XLSX text cells get the same
 * prefix; the price is an apostrophe shown before such values.
 *
 * A writer is used by one thread at a time; writers share nothing.
 */
#ifndef PASSERELLE_EXPORT_H
#define PASSERELLE_EXPORT_H

#include <stddef.h>

enum export_format {
	EXPORT_CSV,
	EXPORT_XLSX,
	EXPORT_JSON,
	EXPORT_GEOJSON,
	EXPORT_VCARD,
};

enum export_type {
	EXPORT_TEXT,
	EXPORT_NUMBER,   /* "-60.99", "1e3": JSON's number syntax */
	EXPORT_INTEGER,  /* read like NUMBER */
	EXPORT_DATE,     /* "YYYY-MM-DD" */
	EXPORT_DATETIME, /* "YYYY-MM-DDTHH:MM:SSZ", UTC */
	EXPORT_BOOL,     /* "true" / "false" */
	EXPORT_LIST,     /* several text values */
};

/* One column.  The writer copies what it needs: the strings need not
 * outlive export_open(). */
struct export_column {
	const char *key;    /* JSON key and vCard/GeoJSON role, e.g. "name" */
	const char *header; /* translated header for CSV and XLSX */
	enum export_type type;
};

/* Options; a NULL options pointer, or a zeroed struct, means: ',' as the
 * separator, no byte-order mark, ISO 8601 dates, vCard 4.0, sheet
 * "Export".  Options a format does not use are ignored. */
struct export_options {
	char separator;    /* CSV: ',' (0 means ','), ';' or '\t' */
	int bom;           /* CSV: start with a UTF-8 byte-order mark */
	int french_dates;  /* CSV: dd/mm/yyyy instead of yyyy-mm-dd */
	int vcard_version; /* vCard: 4 (0 means 4) or 3 */
	const char *sheet_name; /* XLSX: NULL or "" means "Export" */
};

/* One cell: count values (0: empty).  items[i] are NUL-terminated UTF-8;
 * NULL and "" items carry nothing and are skipped. */
struct export_value {
	const char *const *items;
	size_t count;
};

struct export_writer;

/*
 * Open a writer of format f on the file `path` (created or truncated) for
 * the ncols columns cols[] (ncols >= 1).  Returns the writer, or NULL with
 * a message in err[errlen] (an English sentence for the log; err may be
 * NULL) when an argument is unusable (no columns, a separator that cannot
 * be one, a vCard version other than 3 or 4, GeoJSON without latitude and
 * longitude columns), the file cannot be created, or memory is short;
 * nothing is left on disk then.  XLSX writes its temporary files next to
 * `path`; a large XLSX spends most of its time compressing at
 * export_close() (about 20 s for 1,000,000 rows of 8 columns).
 */
struct export_writer *export_open(const char *path, enum export_format f,
				  const struct export_options *o,
				  const struct export_column *cols,
				  size_t ncols, char *err, size_t errlen);

/*
 * Write one row: cells[0..ncols) in the columns' order.  Returns 0, or -1
 * when writing failed (disk full...), in which case the writer is in error
 * for good: later rows are refused and export_close() reports the error.
 * Does not keep the cells.
 */
int export_row(struct export_writer *w, const struct export_value *cells);

/*
 * The number of rows given to export_row() that the file does not hold:
 * for GeoJSON, the rows without usable coordinates; 0 for other formats.
 * Read it before export_close(), which frees the writer.
 */
size_t export_skipped(const struct export_writer *w);

/* The number of rows written so far (skipped ones not counted). */
size_t export_rows(const struct export_writer *w);

/*
 * Finish the file (closing brackets, the XLSX container), close it and
 * free the writer.  Returns 0 when the file is complete; -1 with a message
 * in err[errlen] (err may be NULL) when this or an earlier step failed,
 * and the incomplete file is removed (when it is a regular file: never
 * /dev/stdout or the like).  w may be NULL (returns 0).
 */
int export_close(struct export_writer *w, char *err, size_t errlen);

/* The media type to send the file with, e.g. "text/csv; charset=utf-8";
 * never NULL (application/octet-stream for an unknown format). */
const char *export_content_type(enum export_format f);

/* The file name extension, without the dot: "csv", "xlsx", "json",
 * "geojson", "vcf"; never NULL ("bin" for an unknown format). */
const char *export_extension(enum export_format f);

/*
 * Read a format's name as given in a URL, ignoring case: "csv", "xlsx",
 * "json", "geojson", "vcf" or "vcard".  Returns 0 with *out set, or -1
 * (and *out untouched) for NULL or any other name.
 */
int export_parse_format(const char *name, enum export_format *out);

#endif
