/*
 * export_json.c - the JSON and GeoJSON formats of export.h.
 *
 * The JSON is written here rather than through jansson: a row is one
 * object appended to a buffer reused from row to row, and numbers go out
 * exactly as the store gave them (jansson would print 0.1 as
 * 0.10000000000000001); one past a double's range is written as a
 * string.  Strings are UTF-8 repaired first, then escaped:
 * the quote, the backslash and the control characters, nothing else.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/export_internal.h"

struct json_state {
	long latitude;  /* GeoJSON: column indexes, -1 when absent */
	long longitude;
	long id;
};

/* Append s[0..n), valid UTF-8, as a JSON string. */
static void json_escaped(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(out, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(out, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		default: {
			char u[7] = { '\\', 'u', '0', '0', hex[c >> 4],
				      hex[c & 15], 0 };
			buf_puts(out, u);
		}
		}
	}
	buf_append(out, s + start, n - start);
	buf_putc(out, '"');
}

/* Append the text s (any bytes) as a JSON string, through w->cell. */
static void json_text(struct export_writer *w, const char *s)
{
	buf_reset(&w->cell);
	text_utf8_repair(&w->cell, s, strlen(s));
	json_escaped(&w->line, buf_str(&w->cell), w->cell.len);
}

/* 1 when s can be written as a JSON number: JSON's syntax, and within a
 * double's range, since most readers (jansson, JavaScript) fail or give
 * infinity on 1e400. */
static int json_number(const char *s)
{
	return export_is_number(s) && isfinite(strtod(s, NULL));
}

/* Append the cell's values as an array of strings. */
static void json_array(struct export_writer *w, const struct export_value *v)
{
	int first = 1;
	buf_putc(&w->line, '[');
	for (size_t i = 0; i < v->count; i++) {
		if (!v->items[i] || !v->items[i][0])
			continue;
		if (!first)
			buf_putc(&w->line, ',');
		json_text(w, v->items[i]);
		first = 0;
	}
	buf_putc(&w->line, ']');
}

/* Append the value of one cell of column col, typed as export.h says. */
static void json_value(struct export_writer *w, const struct export_column *col,
		       const struct export_value *v)
{
	size_t n = export_cell_count(v);
	if (col->type == EXPORT_LIST || n > 1) {
		json_array(w, v);
		return;
	}
	if (n == 0) {
		buf_puts(&w->line, "null");
		return;
	}
	const char *one = export_cell_single(v);
	if ((col->type == EXPORT_NUMBER || col->type == EXPORT_INTEGER) &&
	    json_number(one))
		buf_puts(&w->line, one);
	else if (col->type == EXPORT_BOOL &&
		 (strcmp(one, "true") == 0 || strcmp(one, "false") == 0))
		buf_puts(&w->line, one);
	else
		json_text(w, one);
}

/* Append "key":value for each column but the two skipped ones (-1: none). */
static void json_members(struct export_writer *w,
			 const struct export_value *cells, long skip1,
			 long skip2)
{
	int first = 1;
	buf_putc(&w->line, '{');
	for (size_t i = 0; i < w->ncols; i++) {
		if ((long)i == skip1 || (long)i == skip2)
			continue;
		if (!first)
			buf_putc(&w->line, ',');
		json_text(w, w->cols[i].key);
		buf_putc(&w->line, ':');
		json_value(w, &w->cols[i], &cells[i]);
		first = 0;
	}
	buf_putc(&w->line, '}');
}

static int json_begin(struct export_writer *w)
{
	return export_write(w, "[", 1);
}

static int json_row(struct export_writer *w, const struct export_value *cells)
{
	buf_reset(&w->line);
	buf_puts(&w->line, w->rows ? ",\n" : "\n");
	json_members(w, cells, -1, -1);
	return export_write(w, w->line.data, w->line.len);
}

static int json_finish(struct export_writer *w)
{
	const char *end = w->rows ? "\n]\n" : "]\n";
	return export_write(w, end, strlen(end));
}

static int geojson_begin(struct export_writer *w)
{
	struct json_state *st = calloc(1, sizeof(*st));
	if (!st)
		return export_fail(w, "out of memory");
	w->state = st;
	st->latitude = export_column_index(w, "latitude");
	st->longitude = export_column_index(w, "longitude");
	st->id = export_column_index(w, "id");
	if (st->latitude < 0 || st->longitude < 0)
		return export_fail(w, "GeoJSON needs columns keyed latitude "
				   "and longitude");
	static const char head[] =
		"{\"type\":\"FeatureCollection\",\"features\":[";
	return export_write(w, head, sizeof(head) - 1);
}

/* The coordinate in cell v, or NULL when it is not a number in
 * [-limit, limit]. */
static const char *geojson_coordinate(const struct export_value *v,
				      double limit)
{
	const char *s = export_cell_single(v);
	if (!s || !export_is_number(s))
		return NULL;
	double d = strtod(s, NULL);
	return d >= -limit && d <= limit ? s : NULL;
}

static int geojson_row(struct export_writer *w,
		       const struct export_value *cells)
{
	const struct json_state *st = w->state;
	const char *lat = geojson_coordinate(&cells[st->latitude], 90);
	const char *lon = geojson_coordinate(&cells[st->longitude], 180);
	if (!lat || !lon)
		return 1;
	buf_reset(&w->line);
	buf_puts(&w->line, w->rows ? ",\n" : "\n");
	buf_puts(&w->line, "{\"type\":\"Feature\",");
	if (st->id >= 0 && export_cell_single(&cells[st->id])) {
		const char *id = export_cell_single(&cells[st->id]);
		buf_puts(&w->line, "\"id\":");
		if (json_number(id))
			buf_puts(&w->line, id);
		else
			json_text(w, id);
		buf_putc(&w->line, ',');
	}
	buf_printf(&w->line, "\"geometry\":{\"type\":\"Point\","
		   "\"coordinates\":[%s,%s]},\"properties\":", lon, lat);
	json_members(w, cells, st->latitude, st->longitude);
	buf_putc(&w->line, '}');
	if (export_write(w, w->line.data, w->line.len) < 0)
		return -1;
	return 0;
}

static int geojson_finish(struct export_writer *w)
{
	const char *end = w->rows ? "\n]}\n" : "]}\n";
	return export_write(w, end, strlen(end));
}

static void json_release(struct export_writer *w)
{
	free(w->state);
	w->state = NULL;
}

const struct export_ops export_json_ops = {
	.begin = json_begin,
	.row = json_row,
	.finish = json_finish,
	.release = json_release,
};

const struct export_ops export_geojson_ops = {
	.begin = geojson_begin,
	.row = geojson_row,
	.finish = geojson_finish,
	.release = json_release,
};
