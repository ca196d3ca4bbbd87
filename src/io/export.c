/* export.c - see export.h; the formats are in export_*.c. */
#include "io/export.h"

#include "base/text.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/export_internal.h"

/* stdio's buffer for the text formats: rows are written whole, so a
 * buffer of a few rows saves system calls without holding much. */
#define EXPORT_FILE_BUFFER ((size_t)64 * 1024)

static const struct {
	const char *name;
	enum export_format format;
} export_names[] = {
	{ "csv", EXPORT_CSV },         { "xlsx", EXPORT_XLSX },
	{ "json", EXPORT_JSON },       { "geojson", EXPORT_GEOJSON },
	{ "vcf", EXPORT_VCARD },       { "vcard", EXPORT_VCARD },
};

const char *export_content_type(enum export_format f)
{
	switch (f) {
	case EXPORT_CSV:
		return "text/csv; charset=utf-8";
	case EXPORT_XLSX:
		return "application/"
		       "vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case EXPORT_JSON:
		return "application/json";
	case EXPORT_GEOJSON:
		return "application/geo+json";
	case EXPORT_VCARD:
		return "text/vcard; charset=utf-8";
	}
	return "application/octet-stream";
}

const char *export_extension(enum export_format f)
{
	switch (f) {
	case EXPORT_CSV:
		return "csv";
	case EXPORT_XLSX:
		return "xlsx";
	case EXPORT_JSON:
		return "json";
	case EXPORT_GEOJSON:
		return "geojson";
	case EXPORT_VCARD:
		return "vcf";
	}
	return "bin";
}

int export_parse_format(const char *name, enum export_format *out)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof(export_names) / sizeof(export_names[0]);
	     i++) {
		if (strcasecmp(name, export_names[i].name) == 0) {
			*out = export_names[i].format;
			return 0;
		}
	}
	return -1;
}

int export_fail(struct export_writer *w, const char *fmt, ...)
{
	if (!w->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(w->error, sizeof(w->error), fmt, ap);
		va_end(ap);
		w->failed = 1;
	}
	return -1;
}

int export_write(struct export_writer *w, const void *data, size_t len)
{
	if (len && fwrite(data, 1, len, w->out) != len)
		return export_fail(w, "%s: cannot write: %s", w->path,
				   strerror(errno));
	return 0;
}

long export_column_index(const struct export_writer *w, const char *key)
{
	for (size_t i = 0; i < w->ncols; i++)
		if (strcmp(w->cols[i].key, key) == 0)
			return (long)i;
	return -1;
}


static int export_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int export_is_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (export_is_digit(*p))
			p++;
	else
		return 0;
	if (*p == '.') {
		p++;
		if (!export_is_digit(*p))
			return 0;
		while (export_is_digit(*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!export_is_digit(*p))
			return 0;
		while (export_is_digit(*p))
			p++;
	}
	return *p == '\0';
}

int export_is_formula_start(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* The n digits at s as a number, or -1 when one is not a digit. */
static int export_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!export_is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int export_parse_time(const char *s, int with_time, struct export_time *t)
{
	static const int month_days[12] = { 31, 29, 31, 30, 31, 30,
					     31, 31, 30, 31, 30, 31 };
	size_t want = with_time ? 20 : 10;
	if (strlen(s) != want || s[4] != '-' || s[7] != '-')
		return -1;
	t->year = export_digits(s, 4);
	t->month = export_digits(s + 5, 2);
	t->day = export_digits(s + 8, 2);
	t->hour = t->min = t->sec = 0;
	if (t->year < 1 || t->month < 1 || t->month > 12 || t->day < 1 ||
	    t->day > month_days[t->month - 1])
		return -1;
	int leap = (t->year % 4 == 0 && t->year % 100 != 0) ||
		   t->year % 400 == 0;
	if (t->month == 2 && t->day == 29 && !leap)
		return -1;
	if (!with_time)
		return 0;
	if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return -1;
	t->hour = export_digits(s + 11, 2);
	t->min = export_digits(s + 14, 2);
	t->sec = export_digits(s + 17, 2);
	if (t->hour < 0 || t->hour > 23 || t->min < 0 || t->min > 59 ||
	    t->sec < 0 || t->sec > 59)
		return -1;
	return 0;
}

static int export_item_present(const char *item)
{
	return item && item[0] != '\0';
}

size_t export_cell_count(const struct export_value *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->count; i++)
		n += export_item_present(v->items[i]);
	return n;
}

const char *export_cell_single(const struct export_value *v)
{
	const char *found = NULL;
	for (size_t i = 0; i < v->count; i++) {
		if (!export_item_present(v->items[i]))
			continue;
		if (found)
			return NULL;
		found = v->items[i];
	}
	return found;
}

void export_cell_join(struct buf *out, const struct export_value *v,
		      const char *joiner)
{
	int first = 1;
	for (size_t i = 0; i < v->count; i++) {
		if (!export_item_present(v->items[i]))
			continue;
		if (!first)
			buf_puts(out, joiner);
		text_utf8_repair(out, v->items[i], strlen(v->items[i]));
		first = 0;
	}
}

static const struct export_ops *export_ops_of(enum export_format f)
{
	switch (f) {
	case EXPORT_CSV:
		return &export_csv_ops;
	case EXPORT_XLSX:
		return &export_xlsx_ops;
	case EXPORT_JSON:
		return &export_json_ops;
	case EXPORT_GEOJSON:
		return &export_geojson_ops;
	case EXPORT_VCARD:
		return &export_vcard_ops;
	}
	return NULL;
}

static void export_set_error(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
}

/* Free the writer's memory (the file is the caller's business). */
static void export_free(struct export_writer *w)
{
	if (w->cols) {
		for (size_t i = 0; i < w->ncols; i++) {
			free((char *)w->cols[i].key);
			free((char *)w->cols[i].header);
		}
		free(w->cols);
	}
	free(w->sheet_name);
	free(w->path);
	buf_release(&w->line);
	buf_release(&w->cell);
	free(w);
}

/* Check the arguments of export_open() and copy them into w; 0 or -1
 * after export_fail(). */
static int export_setup(struct export_writer *w, const char *path,
			const struct export_options *o,
			const struct export_column *cols, size_t ncols)
{
	if (!path || !path[0])
		return export_fail(w, "no file to export to");
	if (!cols || ncols == 0)
		return export_fail(w, "an export needs at least one column");
	w->path = strdup(path);
	w->cols = calloc(ncols, sizeof(*w->cols));
	if (!w->path || !w->cols)
		return export_fail(w, "out of memory");
	for (size_t i = 0; i < ncols; i++) {
		const char *key = cols[i].key ? cols[i].key : "";
		const char *header = cols[i].header ? cols[i].header : key;
		if (cols[i].type > EXPORT_LIST)
			return export_fail(w, "column %zu: unknown type %d",
					   i + 1, (int)cols[i].type);
		w->cols[i].key = strdup(key);
		w->cols[i].header = strdup(header);
		w->cols[i].type = cols[i].type;
		w->ncols = i + 1;
		if (!w->cols[i].key || !w->cols[i].header)
			return export_fail(w, "out of memory");
	}

	w->separator = o && o->separator ? o->separator : ',';
	w->bom = o ? o->bom : 0;
	w->french_dates = o ? o->french_dates : 0;
	w->vcard_version = o && o->vcard_version ? o->vcard_version : 4;
	w->sheet_name = strdup(o && o->sheet_name ? o->sheet_name : "");
	if (!w->sheet_name)
		return export_fail(w, "out of memory");
	if (w->separator != ',' && w->separator != ';' && w->separator != '\t')
		return export_fail(w, "CSV separator must be ',', ';' or tab, "
				   "not byte %d", (unsigned char)w->separator);
	if (w->vcard_version != 3 && w->vcard_version != 4)
		return export_fail(w, "vCard version must be 3 or 4, not %d",
				   w->vcard_version);
	return 0;
}

struct export_writer *export_open(const char *path, enum export_format f,
				  const struct export_options *o,
				  const struct export_column *cols,
				  size_t ncols, char *err, size_t errlen)
{
	struct export_writer *w = calloc(1, sizeof(*w));
	if (!w) {
		export_set_error(err, errlen, "out of memory");
		return NULL;
	}
	w->format = f;
	w->ops = export_ops_of(f);
	if (!w->ops) {
		export_fail(w, "unknown export format %d", (int)f);
		goto fail;
	}
	if (export_setup(w, path, o, cols, ncols) < 0)
		goto fail;
	/* XLSX is written by libxlsxwriter when it closes; creating the file
	 * now tells the caller at once when that cannot work. */
	w->out = fopen(path, "wb");
	if (!w->out) {
		export_fail(w, "%s: cannot create: %s", path, strerror(errno));
		goto fail;
	}
	struct stat sb;
	w->regular = fstat(fileno(w->out), &sb) == 0 && S_ISREG(sb.st_mode);
	if (f == EXPORT_XLSX) {
		fclose(w->out);
		w->out = NULL;
	} else {
		setvbuf(w->out, NULL, _IOFBF, EXPORT_FILE_BUFFER);
	}
	if (w->ops->begin(w) < 0) {
		w->ops->release(w);
		goto fail;
	}
	return w;

fail:
	export_set_error(err, errlen, w->error);
	if (w->out)
		fclose(w->out);
	if (w->regular)
		unlink(path);
	export_free(w);
	return NULL;
}

int export_row(struct export_writer *w, const struct export_value *cells)
{
	if (w->failed)
		return -1;
	int rc = w->ops->row(w, cells);
	if (rc < 0)
		return -1;
	if (rc > 0)
		w->skipped++;
	else
		w->rows++;
	return 0;
}

size_t export_skipped(const struct export_writer *w)
{
	return w->skipped;
}

size_t export_rows(const struct export_writer *w)
{
	return w->rows;
}

int export_close(struct export_writer *w, char *err, size_t errlen)
{
	if (!w)
		return 0;
	if (!w->failed)
		w->ops->finish(w);
	w->ops->release(w);
	if (w->out) {
		if (!w->failed && fflush(w->out) != 0)
			export_fail(w, "%s: cannot write: %s", w->path,
				    strerror(errno));
		if (fclose(w->out) != 0 && !w->failed)
			export_fail(w, "%s: cannot write: %s", w->path,
				    strerror(errno));
		w->out = NULL;
	}
	int rc = 0;
	if (w->failed) {
		if (w->regular)
			unlink(w->path);
		export_set_error(err, errlen, w->error);
		rc = -1;
	} else {
		export_set_error(err, errlen, "");
	}
	export_free(w);
	return rc;
}
