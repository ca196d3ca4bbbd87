/*
 * export_vcard.c - the vCard format of export.h: RFC 6350 (4.0) and
 * RFC 2426 (3.0, for Outlook).
 *
 * A card is built whole in a buffer reused from row to row, then written.
 * Each property is first made as one logical line: text cleaned (UTF-8
 * repaired, line ends made LF, other control characters but tab dropped),
 * then escaped; the line is then folded into the card at 75 octets, never
 * inside a UTF-8 sequence nor between a backslash and the character it
 * escapes (contentline.h, as the iCalendar writer does).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/contentline.h"
#include "io/export_internal.h"

enum vcard_field {
	VCARD_ID,
	VCARD_GIVEN_NAME,
	VCARD_FAMILY_NAME,
	VCARD_EMAILS,
	VCARD_PHONES,
	VCARD_ORGANIZATION,
	VCARD_TITLE,
	VCARD_LANGUAGES,
	VCARD_NOTES,
	VCARD_UPDATED_AT,
	VCARD_FIELDS
};

static const char *const vcard_keys[VCARD_FIELDS] = {
	"id",        "given_name", "family_name", "emails",
	"phones",    "organization", "title",     "languages",
	"notes",     "updated_at",
};

struct vcard_state {
	long column[VCARD_FIELDS];     /* index of each field's column, or -1 */
	struct export_time opened;     /* REV when there is no updated_at */
	struct buf text;               /* a cleaned value */
	struct buf card;               /* the card being built */
};

static const struct export_value vcard_no_value = { NULL, 0 };

/* The cell of field f in the row (an empty one when there is no column). */
static const struct export_value *vcard_cell(const struct vcard_state *st,
					     const struct export_value *cells,
					     enum vcard_field f)
{
	return st->column[f] < 0 ? &vcard_no_value : &cells[st->column[f]];
}

/* Clean raw into st->text: UTF-8 repaired, CRLF and CR made LF, other
 * control characters but tab and LF dropped.  Returns st->text.len. */
static size_t vcard_clean(struct export_writer *w, struct vcard_state *st,
			  const char *raw)
{
	buf_reset(&w->cell);
	buf_reset(&st->text);
	text_utf8_repair(&w->cell, raw ? raw : "", raw ? strlen(raw) : 0);
	const char *s = buf_str(&w->cell);
	size_t n = w->cell.len, start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n')
			continue;
		buf_append(&st->text, s + start, i - start);
		start = i + 1;
		if (c == '\r') {
			buf_putc(&st->text, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				start = ++i + 1;
		}
	}
	buf_append(&st->text, s + start, n - start);
	return st->text.len;
}

/* Fold the logical line w->line into the card, ending it with CRLF. */
static void vcard_fold(struct export_writer *w, struct vcard_state *st)
{
	contentline_fold(&st->card, buf_str(&w->line), w->line.len);
}

/* Add "NAME:value" with st->text escaped as the value. */
static void vcard_text_line(struct export_writer *w, struct vcard_state *st,
			    const char *name)
{
	buf_reset(&w->line);
	buf_puts(&w->line, name);
	buf_putc(&w->line, ':');
	contentline_escape(&w->line, buf_str(&st->text), st->text.len);
	vcard_fold(w, st);
}

/* Add "NAME:value" for raw cleaned, unless that is empty. */
static void vcard_text(struct export_writer *w, struct vcard_state *st,
		       const char *name, const char *raw)
{
	if (vcard_clean(w, st, raw))
		vcard_text_line(w, st, name);
}

/* Add one NAME line per value of the cell. */
static void vcard_each(struct export_writer *w, struct vcard_state *st,
		       const char *name, const struct export_value *v)
{
	for (size_t i = 0; i < v->count; i++)
		vcard_text(w, st, name, v->items[i]);
}

/* Clean the first value of v that is not empty once cleaned into
 * st->text; its length, 0 when there is none. */
static size_t vcard_first(struct export_writer *w, struct vcard_state *st,
			  const struct export_value *v)
{
	for (size_t i = 0; i < v->count; i++)
		if (vcard_clean(w, st, v->items[i]))
			return st->text.len;
	buf_reset(&st->text);
	return 0;
}

/* Append the first value of v, cleaned and escaped, to w->line. */
static void vcard_component(struct export_writer *w, struct vcard_state *st,
			    const struct export_value *v)
{
	if (vcard_first(w, st, v))
		contentline_escape(&w->line, buf_str(&st->text), st->text.len);
}

/* FN: the given and family names, else the first email, else the first
 * organisation (RFC 6350 wants FN on every card). */
static void vcard_fn(struct export_writer *w, struct vcard_state *st,
		     const struct export_value *cells)
{
	buf_reset(&w->line);
	buf_puts(&w->line, "FN:");
	size_t start = w->line.len;
	vcard_component(w, st, vcard_cell(st, cells, VCARD_GIVEN_NAME));
	size_t given_end = w->line.len;
	if (vcard_first(w, st, vcard_cell(st, cells, VCARD_FAMILY_NAME))) {
		if (given_end > start)
			buf_putc(&w->line, ' ');
		contentline_escape(&w->line, buf_str(&st->text), st->text.len);
	}
	if (w->line.len == start)
		vcard_component(w, st, vcard_cell(st, cells, VCARD_EMAILS));
	if (w->line.len == start)
		vcard_component(w, st,
				vcard_cell(st, cells, VCARD_ORGANIZATION));
	vcard_fold(w, st);
}

/* N: family;given;additional;prefixes;suffixes. */
static void vcard_n(struct export_writer *w, struct vcard_state *st,
		    const struct export_value *cells)
{
	buf_reset(&w->line);
	buf_puts(&w->line, "N:");
	vcard_component(w, st, vcard_cell(st, cells, VCARD_FAMILY_NAME));
	buf_putc(&w->line, ';');
	vcard_component(w, st, vcard_cell(st, cells, VCARD_GIVEN_NAME));
	buf_puts(&w->line, ";;;");
	vcard_fold(w, st);
}

/* UID: urn:passerelle:person: then the id, percent-encoded but for the
 * unreserved characters of RFC 3986. */
static void vcard_uid(struct export_writer *w, struct vcard_state *st,
		      const struct export_value *v)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *id = export_cell_single(v);
	if (!id)
		return;
	buf_reset(&st->text);
	text_utf8_repair(&st->text, id, strlen(id));
	buf_reset(&w->line);
	buf_puts(&w->line, "UID:urn:passerelle:person:");
	for (size_t i = 0; i < st->text.len; i++) {
		unsigned char c = (unsigned char)st->text.data[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			buf_putc(&w->line, (char)c);
		} else {
			buf_putc(&w->line, '%');
			buf_putc(&w->line, hex[c >> 4]);
			buf_putc(&w->line, hex[c & 15]);
		}
	}
	vcard_fold(w, st);
}

/* ORG and TITLE, organization[i] with title[i]; tied by a group name when
 * there are several. */
static void vcard_org(struct export_writer *w, struct vcard_state *st,
		      const struct export_value *cells)
{
	const struct export_value *org =
		vcard_cell(st, cells, VCARD_ORGANIZATION);
	const struct export_value *title = vcard_cell(st, cells, VCARD_TITLE);
	size_t n = org->count > title->count ? org->count : title->count;
	for (size_t i = 0; i < n; i++) {
		char name[40];
		const char *group = n > 1 ? name : "";
		snprintf(name, sizeof(name), "org%zu.", i + 1);
		char prop[48];
		if (i < org->count && vcard_clean(w, st, org->items[i])) {
			snprintf(prop, sizeof(prop), "%sORG", group);
			vcard_text_line(w, st, prop);
		}
		if (i < title->count && vcard_clean(w, st, title->items[i])) {
			snprintf(prop, sizeof(prop), "%sTITLE", group);
			vcard_text_line(w, st, prop);
		}
	}
}

/* The digits of an international phone number ("+33 6 12-34.56 (78)" gives
 * "+33612345678") into st->text; 0 when raw is not one. */
static int vcard_global_phone(struct vcard_state *st, const char *raw)
{
	buf_reset(&st->text);
	if (!raw || raw[0] != '+')
		return 0;
	buf_putc(&st->text, '+');
	for (const char *p = raw + 1; *p; p++) {
		if (*p >= '0' && *p <= '9')
			buf_putc(&st->text, *p);
		else if (!strchr(" .-()", *p))
			return 0;
	}
	return st->text.len >= 3;
}

static void vcard_phones(struct export_writer *w, struct vcard_state *st,
			 const struct export_value *v)
{
	for (size_t i = 0; i < v->count; i++) {
		if (w->vcard_version == 4 &&
		    vcard_global_phone(st, v->items[i])) {
			buf_reset(&w->line);
			buf_puts(&w->line, "TEL;VALUE=uri:tel:");
			buf_append(&w->line, st->text.data, st->text.len);
			vcard_fold(w, st);
		} else {
			const char *name = w->vcard_version == 4 ?
					   "TEL" : "TEL;TYPE=WORK";
			vcard_text(w, st, name, v->items[i]);
		}
	}
}

/* REV: updated_at when it is a date-time, else when the export began. */
static void vcard_rev(struct export_writer *w, struct vcard_state *st,
		      const struct export_value *v)
{
	const char *s = export_cell_single(v);
	struct export_time t = st->opened;
	if (s && export_parse_time(s, 1, &t) < 0)
		t = st->opened;
	buf_reset(&w->line);
	if (w->vcard_version == 4)
		buf_printf(&w->line, "REV:%04d%02d%02dT%02d%02d%02dZ", t.year,
			   t.month, t.day, t.hour, t.min, t.sec);
	else
		buf_printf(&w->line, "REV:%04d-%02d-%02dT%02d:%02d:%02dZ",
			   t.year, t.month, t.day, t.hour, t.min, t.sec);
	vcard_fold(w, st);
}

static int vcard_begin(struct export_writer *w)
{
	struct vcard_state *st = calloc(1, sizeof(*st));
	if (!st)
		return export_fail(w, "out of memory");
	w->state = st;
	for (int f = 0; f < VCARD_FIELDS; f++)
		st->column[f] = export_column_index(w, vcard_keys[f]);
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm))
		return export_fail(w, "cannot read the clock");
	st->opened = (struct export_time){ tm.tm_year + 1900, tm.tm_mon + 1,
					   tm.tm_mday, tm.tm_hour, tm.tm_min,
					   tm.tm_sec > 59 ? 59 : tm.tm_sec };
	return 0;
}

static int vcard_row(struct export_writer *w, const struct export_value *cells)
{
	struct vcard_state *st = w->state;
	buf_reset(&st->card);
	buf_puts(&st->card, w->vcard_version == 4 ?
		 "BEGIN:VCARD\r\nVERSION:4.0\r\n" :
		 "BEGIN:VCARD\r\nVERSION:3.0\r\n");
	vcard_fn(w, st, cells);
	vcard_n(w, st, cells);
	vcard_uid(w, st, vcard_cell(st, cells, VCARD_ID));
	vcard_org(w, st, cells);
	vcard_each(w, st, w->vcard_version == 4 ? "EMAIL" :
			  "EMAIL;TYPE=INTERNET",
		   vcard_cell(st, cells, VCARD_EMAILS));
	vcard_phones(w, st, vcard_cell(st, cells, VCARD_PHONES));
	if (w->vcard_version == 4)
		vcard_each(w, st, "LANG",
			   vcard_cell(st, cells, VCARD_LANGUAGES));
	vcard_each(w, st, "NOTE", vcard_cell(st, cells, VCARD_NOTES));
	vcard_rev(w, st, vcard_cell(st, cells, VCARD_UPDATED_AT));
	buf_puts(&st->card, "END:VCARD\r\n");
	return export_write(w, st->card.data, st->card.len);
}

static int vcard_finish(struct export_writer *w)
{
	(void)w;
	return 0;
}

static void vcard_release(struct export_writer *w)
{
	struct vcard_state *st = w->state;
	if (!st)
		return;
	buf_release(&st->text);
	buf_release(&st->card);
	free(st);
	w->state = NULL;
}

const struct export_ops export_vcard_ops = {
	.begin = vcard_begin,
	.row = vcard_row,
	.finish = vcard_finish,
	.release = vcard_release,
};
