/*
 * fuzz_ical.c - libFuzzer target for the iCalendar writer (src/io/ical.c).
 *
 * The input gives a calendar of one to three items.  The first byte says
 * how many items (1 + byte % 3), whether an empty field is NULL (bit 2
 * clear) or "" (bit 2 set), and whether each value is repeated past 150
 * bytes (bit 3), so that short inputs make lines folded many times; the
 * second byte is each item's sequence (as a signed byte, so negative ones
 * come too).  The rest, split at NUL bytes, is the calendar name, then for
 * each item: uid, summary, description, location, url, start, end, tzid,
 * stamp, status, categories (fields past the end of the input are NULL;
 * start, end, tzid, stamp and status are never stretched).
 *
 * What is asserted:
 *   - ical_write() fails exactly when a reference model of its rules says
 *     so, and its message names the item and field the model names (first
 *     bad item, fields in the order uid, start, end, stamp, status,
 *     sequence, tzid), or, when the model finds nothing, an unknown time
 *     zone; err is never empty after a failure, and out is unchanged;
 *   - after a success, every physical line ends in CRLF, holds no other CR
 *     or LF, is at most 75 octets and is whole UTF-8, and no fold
 *     separates a backslash from the character it escapes;
 *   - libical's parser reads the calendar back without error properties,
 *     and every value is the model's: text UTF-8 repaired byte by byte
 *     (U+FFFD), CRLF and CR made LF, other control characters but tab
 *     dropped (the URL loses tab and line ends too), spaces and tabs at
 *     either end dropped, empty values absent;
 *     DTSTART and DTEND as given (DTEND one hour or one day later when
 *     absent) with TZID on timed items in a zone, Z on the others, DATE
 *     values for all-day items; DTSTAMP and LAST-MODIFIED the stamp;
 *   - there is exactly one VTIMEZONE per zone used, with that TZID, and
 *     at least one observance.
 *
 * Build and run (tests/fuzz/run.sh builds it against all of src/):
 *   FUZZ_TARGETS=ical sh tests/fuzz/run.sh 60
 */
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "io/ical.h"

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz_ical: check failed: %s "        \
				"(%s:%d)\n", #cond, __FILE__, __LINE__);      \
			abort();                                              \
		}                                                             \
	} while (0)

enum field {
	F_UID, F_SUMMARY, F_DESCRIPTION, F_LOCATION, F_URL, F_START, F_END,
	F_TZID, F_STAMP, F_STATUS, F_CATEGORIES, F_COUNT
};

#define MAX_ITEMS 3

/* ---- the reference model ---- */

/* The length of the well-formed UTF-8 sequence at s[0..n), 0 if none;
 * decoded, unlike the writer's table of byte ranges. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF8 ? 0 : s[0] >= 0xF0 ? 4
		   : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || len > n)
		return 0;
	uint32_t cp = len == 1 ? s[0] : s[0] & (0xFFu >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* The model's cleaning of s into out (NUL-terminated); returns out->len.
 * `lines`: keep tab and line ends (made LF); else drop them too. */
static size_t clean(struct buf *out, const char *s, int lines)
{
	struct buf r = BUF_INIT;
	size_t n = s ? strlen(s) : 0;
	buf_reset(out);
	buf_puts(out, "");
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((const unsigned char *)s + i, n - i);
		if (k) {
			buf_append(&r, s + i, k);
			i += k;
		} else {
			buf_puts(&r, "\xEF\xBF\xBD");
			i++;
		}
	}
	for (size_t i = 0; i < r.len; i++) {
		unsigned char c = (unsigned char)r.data[i];
		if (c == '\r') {
			if (lines)
				buf_putc(out, '\n');
			if (i + 1 < r.len && r.data[i + 1] == '\n')
				i++;
		} else if (c >= 0x20 ? c != 0x7F
				     : lines && (c == '\t' || c == '\n')) {
			buf_putc(out, (char)c);
		}
	}
	buf_release(&r);
	/* Spaces and tabs at either end dropped. */
	size_t a = 0, z = out->len;
	while (a < z && strchr(" \t", out->data[a]))
		a++;
	while (z > a && strchr(" \t", out->data[z - 1]))
		z--;
	struct buf trimmed = BUF_INIT;
	buf_append(&trimmed, out->data + a, z - a);
	buf_reset(out);
	buf_puts(out, "");
	buf_append(out, trimmed.data ? trimmed.data : "", trimmed.len);
	buf_release(&trimmed);
	return out->len;
}

struct when {
	int y, mo, d, h, mi, s, is_date;
};

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)
	       ? 29 : days[m - 1];
}

static int when_ok(const struct when *w)
{
	return w->y >= 1583 && w->y <= 3000 && w->mo >= 1 && w->mo <= 12 &&
	       w->d >= 1 && w->d <= month_days(w->y, w->mo) && w->h >= 0 &&
	       w->h <= 23 && w->mi >= 0 && w->mi <= 59 && w->s >= 0 &&
	       w->s <= 59;
}

/* "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", or with `stamp` only
 * "YYYY-MM-DDTHH:MM:SSZ". */
static int parse_when(const char *s, int stamp, struct when *w)
{
	memset(w, 0, sizeof(*w));
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n < 10 || s[4] != '-' || s[7] != '-')
		return 0;
	w->y = digits(s, 4);
	w->mo = digits(s + 5, 2);
	w->d = digits(s + 8, 2);
	if (stamp) {
		if (n != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		    s[19] != 'Z')
			return 0;
		w->h = digits(s + 11, 2);
		w->mi = digits(s + 14, 2);
		w->s = digits(s + 17, 2);
	} else if (n == 10) {
		w->is_date = 1;
	} else {
		if (n != 16 || s[10] != 'T' || s[13] != ':')
			return 0;
		w->h = digits(s + 11, 2);
		w->mi = digits(s + 14, 2);
	}
	return when_ok(w);
}

static long when_key(const struct when *w)
{
	return ((((long)w->y * 13 + w->mo) * 32 + w->d) * 24 + w->h) * 60 +
	       w->mi;
}

static int tzid_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '/' || s[n - 1] == '/' ||
	    strstr(s, "//"))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789_-+/", s[i]))
			return 0;
	return 1;
}

struct expect {
	struct when start, end, stamp;
	const char *tzid; /* NULL for UTC or all-day */
};

/* The first error the rules of ical.h find, as "item N: field", into
 * why; 0 when there is none (the zones may still be unknown). */
static int model_error(const struct ical_item *items, size_t count,
		       struct expect *want, char *why, size_t whylen)
{
	struct buf t = BUF_INIT;
	int bad = 0;
	for (size_t i = 0; i < count && !bad; i++) {
		const struct ical_item *it = &items[i];
		struct expect *e = &want[i];
		const char *field = NULL;
		if (!clean(&t, it->uid, 1)) {
			field = "uid";
		} else if (!parse_when(it->start, 0, &e->start)) {
			field = "start";
		} else if (it->end) {
			if (!parse_when(it->end, 0, &e->end) ||
			    e->end.is_date != e->start.is_date ||
			    when_key(&e->end) <= when_key(&e->start))
				field = "end";
		} else {
			e->end = e->start;
			if (e->start.is_date) {
				e->end.d++;
			} else if (++e->end.h == 24) {
				e->end.h = 0;
				e->end.d++;
			}
			if (e->end.d > month_days(e->end.y, e->end.mo)) {
				e->end.d = 1;
				if (++e->end.mo == 13) {
					e->end.mo = 1;
					e->end.y++;
				}
			}
			if (e->end.y > 3000)
				field = "end";
		}
		if (!field && !parse_when(it->stamp, 1, &e->stamp))
			field = "stamp";
		if (!field && it->status && strcmp(it->status, "CONFIRMED") &&
		    strcmp(it->status, "CANCELLED") &&
		    strcmp(it->status, "TENTATIVE"))
			field = "status";
		if (!field && it->sequence < 0)
			field = "sequence";
		e->tzid = NULL;
		if (!field && !e->start.is_date && it->tzid && it->tzid[0]) {
			if (tzid_ok(it->tzid))
				e->tzid = it->tzid;
			else
				field = "tzid";
		}
		if (field) {
			snprintf(why, whylen, "item %zu: %s:", i, field);
			bad = 1;
		}
	}
	buf_release(&t);
	return bad;
}

/* ---- the reader ---- */

static void check_lines(const char *text, size_t len)
{
	size_t pos = 0;
	FUZZ_CHECK(len > 0);
	while (pos < len) {
		const char *line = text + pos;
		const char *cr = memchr(line, '\r', len - pos);
		FUZZ_CHECK(cr != NULL && cr + 1 < text + len && cr[1] == '\n');
		size_t n = (size_t)(cr - line);
		FUZZ_CHECK(n <= 75);
		FUZZ_CHECK(memchr(line, '\n', n) == NULL);
		for (size_t i = 0; i < n;) {
			size_t k = utf8_len((const unsigned char *)line + i,
					    n - i);
			if (!k)
				fprintf(stderr, "fuzz_ical: bad UTF-8 at %zu in "
					"\"%.*s\"\n", i, (int)n, line);
			FUZZ_CHECK(k > 0);
			i += k;
		}
		/* No fold between a backslash and what it escapes. */
		for (size_t i = line[0] == ' '; i < n; i++)
			if (line[i] == '\\')
				FUZZ_CHECK(++i < n);
		pos += n + 2;
	}
}

/* The property k of c holds the text the model makes of raw, or is
 * absent when that is empty. */
static void check_text(icalcomponent *c, icalproperty_kind k, const char *raw,
		       int lines, struct buf *t)
{
	icalproperty *p = icalcomponent_get_first_property(c, k);
	if (!clean(t, raw, lines)) {
		FUZZ_CHECK(p == NULL);
		return;
	}
	FUZZ_CHECK(p != NULL);
	FUZZ_CHECK(icalcomponent_get_next_property(c, k) == NULL);
	const char *got = k == ICAL_URL_PROPERTY ? icalproperty_get_url(p)
				  : icalvalue_get_text(icalproperty_get_value(p));
	if (!got || strcmp(got, t->data) != 0)
		fprintf(stderr, "fuzz_ical: %s is \"%s\", not \"%s\"\n",
			icalproperty_kind_to_string(k), got ? got : "(null)",
			t->data);
	FUZZ_CHECK(got != NULL && strcmp(got, t->data) == 0);
}

static void check_time(icalcomponent *e, icalproperty_kind k,
		       const struct when *w, const char *tzid, int utc)
{
	icalproperty *p = icalcomponent_get_first_property(e, k);
	FUZZ_CHECK(p != NULL);
	FUZZ_CHECK(icalcomponent_get_next_property(e, k) == NULL);
	struct icaltimetype t =
		k == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart(p) :
		k == ICAL_DTEND_PROPERTY ? icalproperty_get_dtend(p) :
		k == ICAL_DTSTAMP_PROPERTY ? icalproperty_get_dtstamp(p) :
		icalproperty_get_lastmodified(p);
	FUZZ_CHECK(t.year == w->y && t.month == w->mo && t.day == w->d);
	FUZZ_CHECK(t.is_date == w->is_date);
	if (!w->is_date)
		FUZZ_CHECK(t.hour == w->h && t.minute == w->mi &&
			   t.second == w->s);
	icalparameter *param = icalproperty_get_first_parameter(
		p, ICAL_TZID_PARAMETER);
	if (tzid) {
		FUZZ_CHECK(param != NULL);
		FUZZ_CHECK(strcmp(icalparameter_get_tzid(param), tzid) == 0);
	} else {
		FUZZ_CHECK(param == NULL);
		FUZZ_CHECK(icaltime_is_utc(t) == (utc && !w->is_date));
	}
}

static void check_calendar(const char *text, size_t len, const char *calname,
			   const struct ical_item *items, size_t count,
			   const struct expect *want)
{
	struct buf t = BUF_INIT;
	check_lines(text, len);
	icalcomponent *cal = icalparser_parse_string(text);
	FUZZ_CHECK(cal != NULL);
	FUZZ_CHECK(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT);
	FUZZ_CHECK(icalcomponent_count_errors(cal) == 0);

	icalproperty *x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	while (x && strcmp(icalproperty_get_x_name(x), "X-WR-CALNAME") != 0)
		x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY);
	if (clean(&t, calname, 1)) {
		FUZZ_CHECK(x != NULL);
		FUZZ_CHECK(strcmp(icalproperty_get_x(x), t.data) == 0);
	} else {
		FUZZ_CHECK(x == NULL);
	}

	/* One VTIMEZONE per zone used. */
	size_t zones = 0;
	for (size_t i = 0; i < count; i++) {
		if (!want[i].tzid)
			continue;
		size_t j = 0;
		while (j < i && !(want[j].tzid &&
				  strcmp(want[j].tzid, want[i].tzid) == 0))
			j++;
		if (j < i)
			continue;
		zones++;
		size_t found = 0;
		for (icalcomponent *z = icalcomponent_get_first_component(
			     cal, ICAL_VTIMEZONE_COMPONENT);
		     z; z = icalcomponent_get_next_component(
				cal, ICAL_VTIMEZONE_COMPONENT)) {
			icalproperty *p = icalcomponent_get_first_property(
				z, ICAL_TZID_PROPERTY);
			FUZZ_CHECK(p != NULL);
			if (strcmp(icalproperty_get_tzid(p), want[i].tzid) == 0) {
				found++;
				FUZZ_CHECK(icalcomponent_count_components(
						   z, ICAL_ANY_COMPONENT) > 0);
			}
		}
		FUZZ_CHECK(found == 1);
	}
	FUZZ_CHECK((size_t)icalcomponent_count_components(
			   cal, ICAL_VTIMEZONE_COMPONENT) == zones);

	/* The events, in order. */
	FUZZ_CHECK((size_t)icalcomponent_count_components(
			   cal, ICAL_VEVENT_COMPONENT) == count);
	icalcomponent *e = icalcomponent_get_first_component(
		cal, ICAL_VEVENT_COMPONENT);
	for (size_t i = 0; i < count; i++) {
		const struct ical_item *it = &items[i];
		FUZZ_CHECK(e != NULL);
		check_text(e, ICAL_UID_PROPERTY, it->uid, 1, &t);
		check_text(e, ICAL_SUMMARY_PROPERTY, it->summary, 1, &t);
		check_text(e, ICAL_DESCRIPTION_PROPERTY, it->description, 1, &t);
		check_text(e, ICAL_LOCATION_PROPERTY, it->location, 1, &t);
		check_text(e, ICAL_URL_PROPERTY, it->url, 0, &t);
		check_text(e, ICAL_CATEGORIES_PROPERTY, it->categories, 1, &t);
		check_time(e, ICAL_DTSTART_PROPERTY, &want[i].start,
			   want[i].tzid, 1);
		check_time(e, ICAL_DTEND_PROPERTY, &want[i].end, want[i].tzid,
			   1);
		check_time(e, ICAL_DTSTAMP_PROPERTY, &want[i].stamp, NULL, 1);
		check_time(e, ICAL_LASTMODIFIED_PROPERTY, &want[i].stamp, NULL,
			   1);
		FUZZ_CHECK(icalcomponent_get_sequence(e) == it->sequence);
		icalproperty *st = icalcomponent_get_first_property(
			e, ICAL_STATUS_PROPERTY);
		if (it->status) {
			FUZZ_CHECK(st != NULL);
			FUZZ_CHECK(strcmp(icalproperty_get_value_as_string(st),
					  it->status) == 0);
		} else {
			FUZZ_CHECK(st == NULL);
		}
		e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	}
	FUZZ_CHECK(e == NULL);
	icalcomponent_free(cal);
	buf_release(&t);
}

/* The input's fields, read one after the other. */
struct fields {
	char *next, *stop;
	int empty_is_null, stretch;
	struct buf stretched[1 + MAX_ITEMS * F_COUNT];
	size_t nstretched;
};

/* The next field: NULL past the end of the input. */
static const char *next_field(struct fields *in, int may_stretch)
{
	if (in->next >= in->stop)
		return NULL;
	char *f = in->next;
	in->next += strlen(f) + 1;
	if (!f[0])
		return in->empty_is_null ? NULL : f;
	if (!may_stretch || !in->stretch)
		return f;
	struct buf *b = &in->stretched[in->nstretched++];
	*b = (struct buf)BUF_INIT;
	while (b->len <= 150)
		buf_puts(b, f);
	return b->data;
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
	if (size < 2)
		return 0;
	size_t count = 1 + input[0] % 3;
	int empty_is_null = !(input[0] >> 2 & 1);
	int stretch = input[0] >> 3 & 1;
	int sequence = (int8_t)input[1];

	char *data = malloc(size - 2 + 1);
	FUZZ_CHECK(data != NULL);
	memcpy(data, input + 2, size - 2);
	data[size - 2] = '\0';
	struct fields in = { data, data + (size - 2), empty_is_null, stretch,
			     {{ 0 }}, 0 };

	const char *calname = next_field(&in, 1);
	struct ical_item items[MAX_ITEMS];
	memset(items, 0, sizeof(items));
	for (size_t i = 0; i < count; i++) {
		const char **f[F_COUNT] = {
			&items[i].uid, &items[i].summary, &items[i].description,
			&items[i].location, &items[i].url, &items[i].start,
			&items[i].end, &items[i].tzid, &items[i].stamp,
			&items[i].status, &items[i].categories,
		};
		for (int k = 0; k < F_COUNT; k++)
			*f[k] = next_field(&in, k != F_START && k != F_END &&
					   k != F_TZID && k != F_STAMP &&
					   k != F_STATUS);
		items[i].sequence = sequence;
	}

	struct expect want[MAX_ITEMS];
	memset(want, 0, sizeof(want));
	char why[64];
	int bad = model_error(items, count, want, why, sizeof(why));

	struct buf out = BUF_INIT;
	buf_puts(&out, "kept");
	char err[256];
	int rc = ical_write(&out, calname, items, count, err, sizeof(err));
	if (rc < 0) {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(strcmp(buf_str(&out), "kept") == 0);
		if (bad)
			FUZZ_CHECK(strncmp(err, why, strlen(why)) == 0);
		else
			FUZZ_CHECK(strstr(err, ": tzid: unknown time zone") !=
				   NULL);
	} else {
		FUZZ_CHECK(rc == 0);
		FUZZ_CHECK(!bad);
		FUZZ_CHECK(err[0] == '\0');
		FUZZ_CHECK(strncmp(out.data, "kept", 4) == 0);
		check_calendar(out.data + 4, out.len - 4, calname, items, count,
			       want);
	}
	buf_release(&out);
	for (size_t i = 0; i < in.nstretched; i++)
		buf_release(&in.stretched[i]);
	free(data);
	return 0;
}
