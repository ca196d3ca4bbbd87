/*
 * ical.c - the iCalendar writer of ical.h.
 *
 * In three steps.  Every item is checked and its dates parsed first, with
 * no libical call, so that a bad item fails the call before anything is
 * built.  Then, holding ical_lock, libical builds the VCALENDAR: one
 * VTIMEZONE per zone used (icaltzutil_fetch_timezone() reads the zoneinfo
 * file, its TZID is made the plain Olson name, icaltimezone_truncate_
 * vtimezone() drops the history before the items, ical_join_split_rules()
 * undoes libical's cut of the rules at 2037) and one VEVENT per item.
 * Last, the component tree is written line by line: libical formats the
 * properties that have parameters or typed values (dates, durations,
 * offsets, rules, enumerations), while text values are escaped here; each
 * line is then unfolded and folded again at 75 octets on UTF-8 boundaries
 * (contentline.h, as the vCard export does).
 *
 * The calendar is written into a buffer of its own and appended to the
 * caller's only when everything succeeded.
 */
#include "base/text.h"
#include <libical/ical.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/contentline.h"
#include "io/ical.h"

#define ICAL_YEAR_MIN 1583
#define ICAL_YEAR_MAX 3000 /* libical writes later years as 00000000 */
#define ICAL_TZID_MAX 64
/* Recurrences looked at when joining a rule cut by libical. */
#define ICAL_JOIN_MAX_STEPS 2000

/* libical's zone directory, tzid prefix, UTC zone and memory buffers are
 * shared by the whole process: every call into libical holds this. */
static pthread_mutex_t ical_lock = PTHREAD_MUTEX_INITIALIZER;

struct ical_time {
	int year, month, day, hour, minute, second;
	int is_date;
};

/* An item once checked: its parsed times and its zone (an index into the
 * zones, or -1 for UTC and all-day items). */
struct ical_checked {
	struct ical_time start, end;
	long zone;
};

/* A zone used by the items: its name (the first item's tzid), the first
 * item using it, the year its VTIMEZONE starts from, and that VTIMEZONE
 * until the calendar owns it. */
struct ical_zone {
	const char *name;
	size_t first_item;
	int from_year;
	icalcomponent *vtimezone;
};

/* ---- text ---- */


/*
 * Clean raw (NULL is "") into out, replacing its contents: UTF-8 repaired
 * byte by byte (U+FFFD), then with `lines` CRLF and CR made LF and other
 * control characters but tab and LF dropped; without, every control
 * character dropped; last, spaces and tabs at either end dropped (readers
 * such as libical trim them).  Returns out->len; out is NUL-terminated.
 */
static size_t ical_clean(struct buf *out, const char *raw, int lines)
{
	const unsigned char *s = (const unsigned char *)(raw ? raw : "");
	size_t n = strlen((const char *)s);
	buf_reset(out);
	buf_puts(out, "");
	for (size_t i = 0; i < n;) {
		size_t len = text_utf8_seq(s + i, n - i);
		if (len == 0) {
			buf_append(out, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		unsigned char c = s[i];
		if (len > 1 || (c >= 0x20 && c != 0x7F)) {
			buf_append(out, s + i, len);
		} else if (lines && (c == '\t' || c == '\n')) {
			buf_putc(out, (char)c);
		} else if (lines && c == '\r') {
			buf_putc(out, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		}
		i += len;
	}
	size_t start = 0, end = out->len;
	while (start < end && (out->data[start] == ' ' ||
			       out->data[start] == '\t'))
		start++;
	while (end > start && (out->data[end - 1] == ' ' ||
			       out->data[end - 1] == '\t'))
		end--;
	memmove(out->data, out->data + start, end - start);
	out->len = end - start;
	out->data[out->len] = '\0';
	return out->len;
}

/* Unfold libical's formatting of one property (folds are CRLF and one
 * space) into line, without its final CRLF and any other CR or LF. */
static void ical_unfold(struct buf *line, const char *s)
{
	size_t start = 0, i = 0;
	for (; s[i]; i++) {
		if (s[i] != '\r' && s[i] != '\n')
			continue;
		buf_append(line, s + start, i - start);
		if (s[i] == '\r' && s[i + 1] == '\n')
			i++;
		if (s[i + 1] == ' ' || s[i + 1] == '\t')
			i++;
		start = i + 1;
	}
	buf_append(line, s + start, i - start);
}

/* ---- checking the items ---- */

static int ical_number(const char *s, int digits)
{
	int v = 0;
	for (int i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int ical_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* Does s match shape, where 'd' is a digit and any other character
 * stands for itself? */
static int ical_shape(const char *s, const char *shape)
{
	size_t i = 0;
	for (; shape[i]; i++) {
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9'
				    : s[i] != shape[i])
			return 0;
	}
	return s[i] == '\0';
}

/* Check the fields of t read from a string; 0 or -1. */
static int ical_time_valid(const struct ical_time *t)
{
	return t->year >= ICAL_YEAR_MIN && t->year <= ICAL_YEAR_MAX &&
	       t->month >= 1 && t->month <= 12 && t->day >= 1 &&
	       t->day <= ical_days_in_month(t->year, t->month) &&
	       t->hour <= 23 && t->minute <= 59 && t->second <= 59 ? 0 : -1;
}

/* Parse "YYYY-MM-DD" (a date) or "YYYY-MM-DDTHH:MM"; 0 or -1. */
static int ical_parse_local(const char *s, struct ical_time *t)
{
	memset(t, 0, sizeof(*t));
	if (ical_shape(s, "dddd-dd-dd")) {
		t->is_date = 1;
	} else if (ical_shape(s, "dddd-dd-ddTdd:dd")) {
		t->hour = ical_number(s + 11, 2);
		t->minute = ical_number(s + 14, 2);
	} else {
		return -1;
	}
	t->year = ical_number(s, 4);
	t->month = ical_number(s + 5, 2);
	t->day = ical_number(s + 8, 2);
	return ical_time_valid(t);
}

/* Parse "YYYY-MM-DDTHH:MM:SSZ"; 0 or -1. */
static int ical_parse_stamp(const char *s, struct ical_time *t)
{
	memset(t, 0, sizeof(*t));
	if (!ical_shape(s, "dddd-dd-ddTdd:dd:ddZ"))
		return -1;
	t->year = ical_number(s, 4);
	t->month = ical_number(s + 5, 2);
	t->day = ical_number(s + 8, 2);
	t->hour = ical_number(s + 11, 2);
	t->minute = ical_number(s + 14, 2);
	t->second = ical_number(s + 17, 2);
	return ical_time_valid(t);
}

static int ical_time_cmp(const struct ical_time *a, const struct ical_time *b)
{
	const int x[] = { a->year, a->month, a->day, a->hour, a->minute };
	const int y[] = { b->year, b->month, b->day, b->hour, b->minute };
	for (size_t i = 0; i < sizeof(x) / sizeof(x[0]); i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* t plus one day (an all-day item's default end) or one hour (a timed
 * one's); -1 when that is past ICAL_YEAR_MAX. */
static int ical_default_end(const struct ical_time *t, struct ical_time *end)
{
	*end = *t;
	if (!end->is_date && ++end->hour < 24)
		return 0;
	end->hour = 0;
	if (++end->day <= ical_days_in_month(end->year, end->month))
		return 0;
	end->day = 1;
	if (++end->month <= 12)
		return 0;
	end->month = 1;
	return ++end->year <= ICAL_YEAR_MAX ? 0 : -1;
}

/* Is name shaped like an Olson zone name: segments of letters, digits,
 * '_', '-' and '+' joined by single '/'?  (No '.', so no path leaves the
 * zoneinfo directory.) */
static int ical_tzid_plausible(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > ICAL_TZID_MAX || name[0] == '/' || name[n - 1] == '/')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (c == '/' ? name[i + 1] == '/' :
		    !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '+'))
			return 0;
	}
	return 1;
}

/* Check items[i] into *c (see ical.h for the rules); text is scratch.
 * 0, or -1 with the message in err. */
static int ical_check_item(const struct ical_item *it, size_t i,
			   struct ical_checked *c, struct buf *text,
			   char *err, size_t errlen)
{
	c->zone = -1;
	if (!ical_clean(text, it->uid, 1))
		return fail_message(err, errlen, "item %zu: uid: empty", i);
	if (!it->start || ical_parse_local(it->start, &c->start) < 0)
		return fail_message(err, errlen, "item %zu: start: not a date "
				 "(YYYY-MM-DD or YYYY-MM-DDTHH:MM, years %d "
				 "to %d)", i, ICAL_YEAR_MIN, ICAL_YEAR_MAX);
	if (it->end) {
		if (ical_parse_local(it->end, &c->end) < 0 ||
		    c->end.is_date != c->start.is_date)
			return fail_message(err, errlen, "item %zu: end: not a "
					 "date of the form of start", i);
		if (ical_time_cmp(&c->end, &c->start) <= 0)
			return fail_message(err, errlen, "item %zu: end: not "
					 "after start", i);
	} else if (ical_default_end(&c->start, &c->end) < 0) {
		return fail_message(err, errlen, "item %zu: end: the default "
				 "end falls past the year %d", i,
				 ICAL_YEAR_MAX);
	}
	struct ical_time stamp;
	if (!it->stamp || ical_parse_stamp(it->stamp, &stamp) < 0)
		return fail_message(err, errlen, "item %zu: stamp: not a UTC "
				 "date-time YYYY-MM-DDTHH:MM:SSZ", i);
	if (it->status && strcmp(it->status, "CONFIRMED") != 0 &&
	    strcmp(it->status, "CANCELLED") != 0 &&
	    strcmp(it->status, "TENTATIVE") != 0)
		return fail_message(err, errlen, "item %zu: status: not "
				 "CONFIRMED, CANCELLED or TENTATIVE", i);
	if (it->sequence < 0)
		return fail_message(err, errlen, "item %zu: sequence: negative",
				 i);
	if (!c->start.is_date && it->tzid && it->tzid[0] &&
	    !ical_tzid_plausible(it->tzid))
		return fail_message(err, errlen, "item %zu: tzid: not a time "
				 "zone name", i);
	return 0;
}

/* ---- building with libical (ical_lock held) ---- */

static int ical_icaltime_cmp(const struct icaltimetype *a,
			     const struct icaltimetype *b)
{
	const int x[] = { a->year, a->month, a->day, a->hour, a->minute,
			  a->second };
	const int y[] = { b->year, b->month, b->day, b->hour, b->minute,
			  b->second };
	for (size_t i = 0; i < sizeof(x) / sizeof(x[0]); i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* The value of the first property of kind k of c as an int, or def. */
static int ical_offset(icalcomponent *c, icalproperty_kind k, int def)
{
	icalproperty *p = icalcomponent_get_first_property(c, k);
	if (!p)
		return def;
	return k == ICAL_TZOFFSETFROM_PROPERTY ? icalproperty_get_tzoffsetfrom(p)
					       : icalproperty_get_tzoffsetto(p);
}

/* Do a (whose RRULE ends at UNTIL) and b (RRULE without end) observe the
 * same offsets, name and yearly rule, b starting at the first onset of
 * a's rule after UNTIL?  Then b continues a. */
static int ical_continues(icalcomponent *a, icalcomponent *b)
{
	if (icalcomponent_isa(a) != icalcomponent_isa(b) ||
	    icalcomponent_get_first_property(b, ICAL_RDATE_PROPERTY))
		return 0;
	int from = ical_offset(a, ICAL_TZOFFSETFROM_PROPERTY, -1);
	if (from != ical_offset(b, ICAL_TZOFFSETFROM_PROPERTY, -2) ||
	    ical_offset(a, ICAL_TZOFFSETTO_PROPERTY, -1) !=
	    ical_offset(b, ICAL_TZOFFSETTO_PROPERTY, -2))
		return 0;
	icalproperty *na = icalcomponent_get_first_property(a,
							    ICAL_TZNAME_PROPERTY);
	icalproperty *nb = icalcomponent_get_first_property(b,
							    ICAL_TZNAME_PROPERTY);
	if (!na != !nb || (na && strcmp(icalproperty_get_tzname(na),
					icalproperty_get_tzname(nb)) != 0))
		return 0;
	icalproperty *ra = icalcomponent_get_first_property(a,
							    ICAL_RRULE_PROPERTY);
	icalproperty *rb = icalcomponent_get_first_property(b,
							    ICAL_RRULE_PROPERTY);
	icalproperty *sa = icalcomponent_get_first_property(a,
							    ICAL_DTSTART_PROPERTY);
	icalproperty *sb = icalcomponent_get_first_property(b,
							    ICAL_DTSTART_PROPERTY);
	if (!ra || !rb || !sa || !sb)
		return 0;
	struct icalrecurrencetype rule_a = icalproperty_get_rrule(ra);
	struct icalrecurrencetype rule_b = icalproperty_get_rrule(rb);
	if (icaltime_is_null_time(rule_a.until) || rule_a.count ||
	    !icaltime_is_null_time(rule_b.until) || rule_b.count)
		return 0;
	struct icaltimetype until = rule_a.until;
	rule_a.until = icaltime_null_time();
	char *text_a = icalrecurrencetype_as_string_r(&rule_a);
	char *text_b = icalrecurrencetype_as_string_r(&rule_b);
	int same = text_a && text_b && strcmp(text_a, text_b) == 0;
	icalmemory_free_buffer(text_a);
	icalmemory_free_buffer(text_b);
	if (!same)
		return 0;

	struct icaltimetype start_b = icalproperty_get_dtstart(sb);
	icalrecur_iterator *it = icalrecur_iterator_new(
		rule_a, icalproperty_get_dtstart(sa));
	if (!it)
		return 0;
	int continues = 0;
	for (int step = 0; step < ICAL_JOIN_MAX_STEPS; step++) {
		struct icaltimetype onset = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(onset))
			break;
		struct icaltimetype utc = onset;
		icaltime_adjust(&utc, 0, 0, 0, -from);
		if (ical_icaltime_cmp(&utc, &until) > 0) {
			continues = ical_icaltime_cmp(&onset, &start_b) == 0;
			break;
		}
	}
	icalrecur_iterator_free(it);
	return continues;
}

/* libical 3.0 writes a zone's transitions up to 2037 as rules with an
 * UNTIL, then the same rules again without end from 2037 on.  Outlook
 * reads a zone as one STANDARD and one DAYLIGHT rule; join each pair
 * back into one rule without UNTIL. */
static void ical_join_split_rules(icalcomponent *vtz)
{
	int n = icalcomponent_count_components(vtz, ICAL_ANY_COMPONENT);
	if (n < 2)
		return;
	icalcomponent **subs = calloc((size_t)n, sizeof(*subs));
	if (!subs)
		return; /* the zone stays right, only longer */
	int k = 0;
	for (icalcomponent *c = icalcomponent_get_first_component(
		     vtz, ICAL_ANY_COMPONENT);
	     c && k < n;
	     c = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		subs[k++] = c;
	for (int i = 0; i < k; i++) {
		for (int j = 0; subs[i] && j < k; j++) {
			if (j == i || !subs[j] ||
			    !ical_continues(subs[i], subs[j]))
				continue;
			icalproperty *rp = icalcomponent_get_first_property(
				subs[i], ICAL_RRULE_PROPERTY);
			struct icalrecurrencetype rule =
				icalproperty_get_rrule(rp);
			rule.until = icaltime_null_time();
			icalproperty_set_rrule(rp, rule);
			icalcomponent_remove_component(vtz, subs[j]);
			icalcomponent_free(subs[j]);
			subs[j] = NULL;
			break;
		}
	}
	free(subs);
}

/* The VTIMEZONE of zone `name` from January 1 of from_year (UTC) on, or
 * NULL when the zoneinfo has no such zone. */
static icalcomponent *ical_vtimezone(const char *name, int from_year)
{
	icalcomponent *vtz = icaltzutil_fetch_timezone(name);
	if (!vtz)
		return NULL;
	icalproperty *tzid = icalcomponent_get_first_property(vtz,
							      ICAL_TZID_PROPERTY);
	if (tzid)
		icalproperty_set_tzid(tzid, name);
	else
		icalcomponent_add_property(vtz, icalproperty_new_tzid(name));
	struct icaltimetype from = icaltime_null_time();
	from.year = from_year;
	from.month = 1;
	from.day = 1;
	from.zone = icaltimezone_get_utc_timezone();
	icaltimezone_truncate_vtimezone(vtz, from, icaltime_null_time(), 1);
	ical_join_split_rules(vtz);
	if (icalcomponent_count_components(vtz, ICAL_ANY_COMPONENT) == 0) {
		icalcomponent_free(vtz);
		return NULL;
	}
	return vtz;
}

/* Add make(raw cleaned) to c unless that is empty. */
static void ical_add_text(icalcomponent *c, icalproperty *(*make)(const char *),
			  const char *raw, int lines, struct buf *text)
{
	if (ical_clean(text, raw, lines))
		icalcomponent_add_property(c, make(text->data));
}

/* make(t), with TZID=tzid on a timed t in a zone; UTC when tzid is NULL. */
static icalproperty *ical_time_property(
	icalproperty *(*make)(struct icaltimetype), const struct ical_time *t,
	const char *tzid)
{
	struct icaltimetype v = icaltime_null_time();
	v.year = t->year;
	v.month = t->month;
	v.day = t->day;
	if (t->is_date) {
		v.is_date = 1;
	} else {
		v.hour = t->hour;
		v.minute = t->minute;
		v.second = t->second;
		if (!tzid)
			v.zone = icaltimezone_get_utc_timezone();
	}
	icalproperty *p = make(v);
	if (!t->is_date && tzid)
		icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	return p;
}

static icalproperty_status ical_status(const char *s)
{
	if (strcmp(s, "CONFIRMED") == 0)
		return ICAL_STATUS_CONFIRMED;
	if (strcmp(s, "CANCELLED") == 0)
		return ICAL_STATUS_CANCELLED;
	return ICAL_STATUS_TENTATIVE;
}

static icalcomponent *ical_event(const struct ical_item *it,
				 const struct ical_checked *c,
				 const char *tzid, struct buf *text)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	ical_add_text(ev, icalproperty_new_uid, it->uid, 1, text);
	struct ical_time stamp;
	ical_parse_stamp(it->stamp, &stamp); /* checked */
	icalcomponent_add_property(ev, ical_time_property(
		icalproperty_new_dtstamp, &stamp, NULL));
	icalcomponent_add_property(ev, ical_time_property(
		icalproperty_new_lastmodified, &stamp, NULL));
	icalcomponent_add_property(ev, ical_time_property(
		icalproperty_new_dtstart, &c->start, tzid));
	icalcomponent_add_property(ev, ical_time_property(
		icalproperty_new_dtend, &c->end, tzid));
	icalcomponent_add_property(ev, icalproperty_new_sequence(it->sequence));
	if (it->status)
		icalcomponent_add_property(
			ev, icalproperty_new_status(ical_status(it->status)));
	ical_add_text(ev, icalproperty_new_summary, it->summary, 1, text);
	ical_add_text(ev, icalproperty_new_description, it->description, 1,
		      text);
	ical_add_text(ev, icalproperty_new_location, it->location, 1, text);
	ical_add_text(ev, icalproperty_new_url, it->url, 0, text);
	ical_add_text(ev, icalproperty_new_categories, it->categories, 1,
		      text);
	return ev;
}

static void ical_add_x(icalcomponent *cal, const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(cal, p);
}

static icalcomponent *ical_calendar(const char *calname, struct buf *text)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(
		cal, icalproperty_new_prodid("-//Passerelle//Passerelle//FR"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal,
				   icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (ical_clean(text, calname, 1))
		ical_add_x(cal, "X-WR-CALNAME", text->data);
	ical_add_x(cal, "X-PUBLISHED-TTL", "PT1H");
	icalproperty *refresh = icalproperty_new_refreshinterval(
		icaldurationtype_from_int(3600));
	icalproperty_add_parameter(refresh,
				   icalparameter_new_value(ICAL_VALUE_DURATION));
	icalcomponent_add_property(cal, refresh);
	return cal;
}

/* ---- writing ---- */

/* Append property p as folded lines; line is scratch.  Text without
 * parameters is escaped here; the rest is libical's formatting. */
static void ical_put_property(struct buf *out, struct buf *line,
			      icalproperty *p)
{
	icalvalue *v = icalproperty_get_value(p);
	icalvalue_kind kind = v ? icalvalue_isa(v) : ICAL_NO_VALUE;
	buf_reset(line);
	if ((kind == ICAL_TEXT_VALUE || kind == ICAL_X_VALUE) &&
	    icalproperty_count_parameters(p) == 0) {
		icalproperty_kind pk = icalproperty_isa(p);
		const char *name = pk == ICAL_X_PROPERTY ?
				   icalproperty_get_x_name(p) :
				   icalproperty_kind_to_string(pk);
		const char *text = kind == ICAL_TEXT_VALUE ?
				   icalvalue_get_text(v) : icalvalue_get_x(v);
		buf_puts(line, name ? name : "X-UNKNOWN");
		buf_putc(line, ':');
		if (text)
			contentline_escape(line, text, strlen(text));
	} else {
		char *s = icalproperty_as_ical_string_r(p);
		buf_puts(line, "");
		if (s)
			ical_unfold(line, s);
		icalmemory_free_buffer(s);
	}
	contentline_fold(out, line->data, line->len);
}

static void ical_put_component(struct buf *out, struct buf *line,
			       icalcomponent *c)
{
	const char *name = icalcomponent_kind_to_string(icalcomponent_isa(c));
	buf_printf(out, "BEGIN:%s\r\n", name);
	for (icalproperty *p = icalcomponent_get_first_property(
		     c, ICAL_ANY_PROPERTY);
	     p; p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
		ical_put_property(out, line, p);
	for (icalcomponent *sub = icalcomponent_get_first_component(
		     c, ICAL_ANY_COMPONENT);
	     sub;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		ical_put_component(out, line, sub);
	buf_printf(out, "END:%s\r\n", name);
}

/* The index of zone `name` in zones[0..*n), added when new. */
static long ical_zone_of(struct ical_zone *zones, size_t *n, const char *name,
			 size_t item, int year)
{
	for (size_t z = 0; z < *n; z++) {
		if (strcmp(zones[z].name, name) == 0) {
			if (year - 1 < zones[z].from_year)
				zones[z].from_year = year - 1;
			return (long)z;
		}
	}
	zones[*n] = (struct ical_zone){ name, item, year - 1, NULL };
	return (long)(*n)++;
}

int ical_write(struct buf *out, const char *calname,
	       const struct ical_item *items, size_t count, char *err,
	       size_t errlen)
{
	struct ical_checked *checked = NULL;
	struct ical_zone *zones = NULL;
	size_t nzones = 0;
	struct buf text = BUF_INIT, doc = BUF_INIT, line = BUF_INIT;
	icalcomponent *cal = NULL;
	int rc = -1, locked = 0;

	if (err && errlen)
		err[0] = '\0';
	if (count) {
		checked = calloc(count, sizeof(*checked));
		zones = calloc(count, sizeof(*zones));
		if (!checked || !zones) {
			fail_message(err, errlen, "out of memory");
			goto out;
		}
	}
	for (size_t i = 0; i < count; i++) {
		const struct ical_item *it = &items[i];
		if (ical_check_item(it, i, &checked[i], &text, err, errlen) < 0)
			goto out;
		if (!checked[i].start.is_date && it->tzid && it->tzid[0])
			checked[i].zone = ical_zone_of(zones, &nzones, it->tzid,
						       i, checked[i].start.year);
	}

	pthread_mutex_lock(&ical_lock);
	locked = 1;
	cal = ical_calendar(calname, &text);
	for (size_t z = 0; z < nzones; z++) {
		zones[z].vtimezone = ical_vtimezone(zones[z].name,
						    zones[z].from_year);
		if (!zones[z].vtimezone) {
			fail_message(err, errlen, "item %zu: tzid: unknown time "
				  "zone \"%s\"", zones[z].first_item,
				  zones[z].name);
			goto out;
		}
	}
	/* libical puts each VTIMEZONE added before the others: add them
	 * last first, so that they come in the order of their first use. */
	for (size_t z = nzones; z-- > 0;) {
		icalcomponent_add_component(cal, zones[z].vtimezone);
		zones[z].vtimezone = NULL;
	}
	for (size_t i = 0; i < count; i++) {
		const char *tzid = checked[i].zone < 0 ? NULL :
				   zones[checked[i].zone].name;
		icalcomponent_add_component(
			cal, ical_event(&items[i], &checked[i], tzid, &text));
	}
	ical_put_component(&doc, &line, cal);
	rc = 0;
out:
	for (size_t z = 0; z < nzones; z++)
		if (zones[z].vtimezone)
			icalcomponent_free(zones[z].vtimezone);
	if (cal)
		icalcomponent_free(cal);
	if (locked)
		pthread_mutex_unlock(&ical_lock);
	if (rc == 0)
		buf_append(out, doc.data, doc.len);
	buf_release(&text);
	buf_release(&doc);
	buf_release(&line);
	free(checked);
	free(zones);
	return rc;
}
