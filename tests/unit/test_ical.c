/*
 * test_ical.c - unit tests of the iCalendar writer (src/io/ical.c).
 *
 * A calendar of items in America/Marigot, Europe/Paris and America/
 * Costa_Rica, one in UTC and one all-day, with commas, semicolons,
 * backslashes, line ends, bad UTF-8, control characters and long accented
 * text, spaces at the ends, is written, then:
 *   - its physical lines are checked: CRLF at the end and nowhere else, at
 *     most 75 octets, each whole UTF-8 (no fold inside a sequence);
 *   - it is parsed back with libical's own parser and every value is
 *     compared with what was given (after the documented repairs);
 *   - each zone has exactly one VTIMEZONE with the plain Olson TZID, in
 *     the shape Outlook reads (at most one STANDARD and one DAYLIGHT, each
 *     with DTSTART and offsets, rules without end), every timed DTSTART
 *     and DTEND names its zone, and libical, reading those VTIMEZONEs,
 *     puts each item at the right UTC instant, in winter and in summer.
 * Bad dates, ends before starts, unknown or malformed zones and other bad
 * fields are refused with a message naming the item and the field, and
 * leave the output as it was.  Last, several threads write at once.
 *
 * Build and run from the root:
 *   make build/release/tests/test_ical && build/release/tests/test_ical
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "io/ical.h"

#define STAMP "2025-02-01T08:00:00Z"

/* ---- helpers ---- */

/* Is s[0..n) whole, well-formed UTF-8? */
static int whole_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2
			   : (s[i] & 0xF0) == 0xE0 ? 3
			   : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n || (len == 2 && s[i] < 0xC2))
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

/* Check the physical lines of text: CRLF ends, <= 75 octets, whole
 * UTF-8, no fold between a backslash and what it escapes. */
static void check_lines(const char *text, size_t len)
{
	size_t pos = 0;
	assert_true(len > 2);
	while (pos < len) {
		const char *line = text + pos;
		const char *cr = memchr(line, '\r', len - pos);
		assert_non_null(cr);
		assert_true(cr + 1 < text + len && cr[1] == '\n');
		size_t n = (size_t)(cr - line);
		if (n > 75)
			fail_msg("line of %zu octets: %.*s", n, (int)n, line);
		assert_null(memchr(line, '\n', n));
		if (!whole_utf8((const unsigned char *)line, n))
			fail_msg("line cut inside UTF-8: %.*s", (int)n, line);
		size_t backslashes = 0;
		for (size_t i = line[0] == ' '; i < n; i++)
			backslashes = line[i] == '\\' ? backslashes + 1 : 0;
		if (backslashes % 2)
			fail_msg("fold after a backslash: %.*s", (int)n, line);
		pos += n + 2;
	}
}

/* Write items; assert success; the text (free it). */
static char *write_ok(const char *calname, const struct ical_item *items,
		      size_t count)
{
	struct buf b = BUF_INIT;
	char err[256] = "x";
	int rc = ical_write(&b, calname, items, count, err, sizeof(err));
	if (rc != 0)
		fail_msg("ical_write: %s", err);
	assert_string_equal(err, "");
	check_lines(b.data, b.len);
	size_t n;
	return buf_detach(&b, &n);
}

/* The VEVENT of uid in cal. */
static icalcomponent *event_of(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *e = icalcomponent_get_first_component(
		     cal, ICAL_VEVENT_COMPONENT);
	     e; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(e), uid) == 0)
			return e;
	fail_msg("no event %s", uid);
	return NULL;
}

/* The text of the only property of kind k in c, or NULL. */
static const char *text_of(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(c, k);
	if (!p)
		return NULL;
	assert_null(icalcomponent_get_next_property(c, k));
	return icalvalue_get_text(icalproperty_get_value(p));
}

/* The TZID parameter of the property k of e, or NULL. */
static const char *tzid_of(icalcomponent *e, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(e, k);
	assert_non_null(p);
	icalparameter *t = icalproperty_get_first_parameter(p,
							    ICAL_TZID_PARAMETER);
	return t ? icalparameter_get_tzid(t) : NULL;
}

/* Property k of e as "YYYYMMDDTHHMMSS" in UTC, through the VTIMEZONE of
 * its TZID in cal. */
static void utc_of(icalcomponent *cal, icalcomponent *e, icalproperty_kind k,
		   char out[20])
{
	icalproperty *p = icalcomponent_get_first_property(e, k);
	struct icaltimetype t = k == ICAL_DTSTART_PROPERTY ?
				icalproperty_get_dtstart(p) :
				icalproperty_get_dtend(p);
	const char *tzid = tzid_of(e, k);
	if (tzid) {
		icaltimezone *zone = icalcomponent_get_timezone(cal, tzid);
		assert_non_null(zone);
		t = icaltime_set_timezone(&t, zone);
	}
	t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
	snprintf(out, 20, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day,
		 t.hour, t.minute, t.second);
}

/* ---- the round trip ---- */

static char long_text[512];

static const struct ical_item sample[] = {
	{ .uid = "interaction-12@passerelle.example",
	  .summary = "Réunion, bilan; suivi \\ notes",
	  .description = "Première ligne\nDeuxième, avec ; et \\\r\n"
			 "Troisième\rQuatrième\n\nfin",
	  .location = "Mairie de Marigot, rue de la République",
	  .url = "https://passerelle.example/interactions/12?a=1,2;b=3",
	  .start = "2025-03-01T10:00", .end = "2025-03-01T11:30",
	  .tzid = "America/Marigot", .stamp = STAMP, .status = "CONFIRMED",
	  .categories = "Visite, terrain; suivi", .sequence = 3 },
	{ .uid = "interaction-13@passerelle.example",
	  .summary = NULL /* long_text */, .description = NULL /* long_text */,
	  .start = "2025-01-15T18:45", .tzid = "Europe/Paris",
	  .stamp = STAMP, .status = "TENTATIVE" },
	{ .uid = "interaction-14@passerelle.example",
	  .summary = "Été à Paris", .start = "2025-07-14T10:00",
	  .end = "2025-07-14T12:00", .tzid = "Europe/Paris",
	  .stamp = STAMP, .status = "CANCELLED", .sequence = 1 },
	{ .uid = "interaction-15@passerelle.example",
	  .summary = "San José", .location = "Costa Rica",
	  .start = "2025-03-01T10:00", .tzid = "America/Costa_Rica",
	  .stamp = STAMP },
	{ .uid = "interaction-16@passerelle.example",
	  .summary = "Journée portes ouvertes", .start = "2025-03-02",
	  .end = "2025-03-04", .tzid = "Europe/Paris", .stamp = STAMP },
	{ .uid = "interaction-17@passerelle.example",
	  .summary = " \t Tard en UTC\t ", .start = "2025-12-31T23:30",
	  .stamp = STAMP },
	{ .uid = "interaction-18@passerelle.example",
	  .summary = "Bad \xC3 UTF-8 \xFF and \x01\x1B" "controls\x7F\tend",
	  .start = "2025-03-05", .stamp = STAMP },
};

#define SAMPLE_COUNT (sizeof(sample) / sizeof(sample[0]))

static void sample_items(struct ical_item *items)
{
	memcpy(items, sample, sizeof(sample));
	long_text[0] = '\0';
	for (int i = 0; i < 150; i++) /* 300 bytes of "é" */
		strcat(long_text, "é");
	strcat(long_text, ", fin; \\");
	items[1].summary = long_text;
	items[1].description = long_text;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ical_item items[SAMPLE_COUNT];
	sample_items(items);
	char *text = write_ok("Agenda, équipe; \\ Passerelle", items,
			      SAMPLE_COUNT);
	assert_true(strncmp(text, "BEGIN:VCALENDAR\r\n", 17) == 0);
	assert_non_null(strstr(text, "\r\nPRODID:-//Passerelle//Passerelle//FR\r\n"));
	assert_non_null(strstr(text, "\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(text, "\r\nCALSCALE:GREGORIAN\r\n"));
	assert_non_null(strstr(text, "\r\nMETHOD:PUBLISH\r\n"));
	assert_non_null(strstr(text, "\r\nX-PUBLISHED-TTL:PT1H\r\n"));
	assert_non_null(strstr(text, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));
	assert_non_null(strstr(text, "\r\nCATEGORIES:Visite\\, terrain\\; suivi\r\n"));
	assert_null(strstr(text, "freeassociation"));
	size_t len = strlen(text);
	assert_true(len > 17 && strcmp(text + len - 15, "END:VCALENDAR\r\n") == 0);

	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	/* No property libical could not read. */
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	icalproperty *x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	assert_non_null(x);
	assert_string_equal(icalproperty_get_x_name(x), "X-WR-CALNAME");
	assert_string_equal(icalproperty_get_x(x), "Agenda, équipe; \\ Passerelle");
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT),
			 SAMPLE_COUNT);

	icalcomponent *e = event_of(cal, "interaction-12@passerelle.example");
	assert_string_equal(text_of(e, ICAL_SUMMARY_PROPERTY),
			    "Réunion, bilan; suivi \\ notes");
	assert_string_equal(text_of(e, ICAL_DESCRIPTION_PROPERTY),
			    "Première ligne\nDeuxième, avec ; et \\\n"
			    "Troisième\nQuatrième\n\nfin");
	assert_string_equal(text_of(e, ICAL_LOCATION_PROPERTY),
			    "Mairie de Marigot, rue de la République");
	assert_string_equal(icalproperty_get_url(icalcomponent_get_first_property(
				    e, ICAL_URL_PROPERTY)),
			    "https://passerelle.example/interactions/12?a=1,2;b=3");
	assert_string_equal(text_of(e, ICAL_CATEGORIES_PROPERTY),
			    "Visite, terrain; suivi");
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
	assert_int_equal(icalcomponent_get_sequence(e), 3);
	struct icaltimetype stamp = icalcomponent_get_dtstamp(e);
	assert_string_equal(icaltime_as_ical_string(stamp), "20250201T080000Z");
	assert_string_equal(icaltime_as_ical_string(icalproperty_get_lastmodified(
				    icalcomponent_get_first_property(
					    e, ICAL_LASTMODIFIED_PROPERTY))),
			    "20250201T080000Z");
	assert_string_equal(tzid_of(e, ICAL_DTSTART_PROPERTY), "America/Marigot");
	assert_string_equal(tzid_of(e, ICAL_DTEND_PROPERTY), "America/Marigot");
	assert_string_equal(icaltime_as_ical_string(icalproperty_get_dtstart(
				    icalcomponent_get_first_property(
					    e, ICAL_DTSTART_PROPERTY))),
			    "20250301T100000");
	char utc[20];
	utc_of(cal, e, ICAL_DTSTART_PROPERTY, utc);
	assert_string_equal(utc, "20250301T140000");
	utc_of(cal, e, ICAL_DTEND_PROPERTY, utc);
	assert_string_equal(utc, "20250301T153000");

	e = event_of(cal, "interaction-13@passerelle.example");
	assert_string_equal(text_of(e, ICAL_SUMMARY_PROPERTY), long_text);
	assert_string_equal(text_of(e, ICAL_DESCRIPTION_PROPERTY), long_text);
	assert_null(text_of(e, ICAL_LOCATION_PROPERTY));
	assert_null(icalcomponent_get_first_property(e, ICAL_URL_PROPERTY));
	assert_null(icalcomponent_get_first_property(e, ICAL_CATEGORIES_PROPERTY));
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_TENTATIVE);
	assert_int_equal(icalcomponent_get_sequence(e), 0);
	assert_string_equal(tzid_of(e, ICAL_DTSTART_PROPERTY), "Europe/Paris");
	utc_of(cal, e, ICAL_DTSTART_PROPERTY, utc); /* winter: +01:00 */
	assert_string_equal(utc, "20250115T174500");
	utc_of(cal, e, ICAL_DTEND_PROPERTY, utc); /* default: one hour */
	assert_string_equal(utc, "20250115T184500");

	e = event_of(cal, "interaction-14@passerelle.example");
	assert_string_equal(text_of(e, ICAL_SUMMARY_PROPERTY), "Été à Paris");
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CANCELLED);
	assert_int_equal(icalcomponent_get_sequence(e), 1);
	utc_of(cal, e, ICAL_DTSTART_PROPERTY, utc); /* summer: +02:00 */
	assert_string_equal(utc, "20250714T080000");
	utc_of(cal, e, ICAL_DTEND_PROPERTY, utc);
	assert_string_equal(utc, "20250714T100000");

	e = event_of(cal, "interaction-15@passerelle.example");
	assert_string_equal(tzid_of(e, ICAL_DTSTART_PROPERTY),
			    "America/Costa_Rica");
	utc_of(cal, e, ICAL_DTSTART_PROPERTY, utc);
	assert_string_equal(utc, "20250301T160000");

	/* All-day: dates, no zone, even with a tzid given. */
	e = event_of(cal, "interaction-16@passerelle.example");
	struct icaltimetype d = icalcomponent_get_dtstart(e);
	assert_true(d.is_date);
	assert_string_equal(icaltime_as_ical_string(d), "20250302");
	assert_null(tzid_of(e, ICAL_DTSTART_PROPERTY));
	d = icalcomponent_get_dtend(e);
	assert_true(d.is_date);
	assert_string_equal(icaltime_as_ical_string(d), "20250304");
	assert_non_null(strstr(text, "\r\nDTSTART;VALUE=DATE:20250302\r\n"));

	/* UTC: no TZID, a Z; the default end crosses the year. */
	e = event_of(cal, "interaction-17@passerelle.example");
	assert_string_equal(text_of(e, ICAL_SUMMARY_PROPERTY), "Tard en UTC");
	assert_null(tzid_of(e, ICAL_DTSTART_PROPERTY));
	assert_non_null(strstr(text, "\r\nDTSTART:20251231T233000Z\r\n"));
	assert_non_null(strstr(text, "\r\nDTEND:20260101T003000Z\r\n"));

	/* Repairs: U+FFFD for each bad byte, controls but tab dropped; an
	 * all-day item without end lasts one day. */
	e = event_of(cal, "interaction-18@passerelle.example");
	assert_string_equal(text_of(e, ICAL_SUMMARY_PROPERTY),
			    "Bad \xEF\xBF\xBD UTF-8 \xEF\xBF\xBD and controls\tend");
	assert_string_equal(icaltime_as_ical_string(icalcomponent_get_dtend(e)),
			    "20250306");

	icalcomponent_free(cal);
	free(text);
}

/* One VTIMEZONE per zone, plain TZIDs, in the shape Outlook reads. */
static void test_vtimezones(void **state)
{
	(void)state;
	struct ical_item items[SAMPLE_COUNT];
	sample_items(items);
	char *text = write_ok(NULL, items, SAMPLE_COUNT);
	assert_null(strstr(text, "X-WR-CALNAME"));
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	/* In the order of first use, before the events. */
	const char *marigot = strstr(text, "\r\nTZID:America/Marigot\r\n");
	const char *paris = strstr(text, "\r\nTZID:Europe/Paris\r\n");
	const char *costa_rica = strstr(text, "\r\nTZID:America/Costa_Rica\r\n");
	assert_true(marigot && paris && costa_rica);
	assert_true(marigot < paris && paris < costa_rica &&
		    costa_rica < strstr(text, "BEGIN:VEVENT"));
	const char *want[] = { "America/Marigot", "Europe/Paris",
			       "America/Costa_Rica" };
	int seen[3] = { 0, 0, 0 };
	int n = 0;
	for (icalcomponent *z = icalcomponent_get_first_component(
		     cal, ICAL_VTIMEZONE_COMPONENT);
	     z; z = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT)) {
		const char *tzid = icalproperty_get_tzid(
			icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY));
		n++;
		int k = 0;
		while (k < 3 && strcmp(tzid, want[k]) != 0)
			k++;
		if (k == 3)
			fail_msg("unexpected VTIMEZONE %s", tzid);
		seen[k]++;
		int standard = 0, daylight = 0;
		for (icalcomponent *o = icalcomponent_get_first_component(
			     z, ICAL_ANY_COMPONENT);
		     o; o = icalcomponent_get_next_component(z, ICAL_ANY_COMPONENT)) {
			if (icalcomponent_isa(o) == ICAL_XSTANDARD_COMPONENT)
				standard++;
			else if (icalcomponent_isa(o) == ICAL_XDAYLIGHT_COMPONENT)
				daylight++;
			else
				fail_msg("%s: unexpected component", tzid);
			assert_non_null(icalcomponent_get_first_property(
				o, ICAL_DTSTART_PROPERTY));
			icalproperty *from = icalcomponent_get_first_property(
				o, ICAL_TZOFFSETFROM_PROPERTY);
			icalproperty *to = icalcomponent_get_first_property(
				o, ICAL_TZOFFSETTO_PROPERTY);
			assert_non_null(from);
			assert_non_null(to);
			/* Whole minutes: no local mean time left. */
			assert_int_equal(icalproperty_get_tzoffsetfrom(from) % 60, 0);
			assert_int_equal(icalproperty_get_tzoffsetto(to) % 60, 0);
			icalproperty *r = icalcomponent_get_first_property(
				o, ICAL_RRULE_PROPERTY);
			if (r) {
				struct icalrecurrencetype rule =
					icalproperty_get_rrule(r);
				assert_true(icaltime_is_null_time(rule.until));
			}
		}
		if (strcmp(tzid, "Europe/Paris") == 0) {
			assert_int_equal(standard, 1);
			assert_int_equal(daylight, 1);
		} else {
			assert_int_equal(standard, 1);
			assert_int_equal(daylight, 0);
		}
	}
	assert_int_equal(n, 3);
	assert_true(seen[0] == 1 && seen[1] == 1 && seen[2] == 1);

	/* Every timed DTSTART names a zone of the calendar (or is UTC). */
	for (icalcomponent *e = icalcomponent_get_first_component(
		     cal, ICAL_VEVENT_COMPONENT);
	     e; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		struct icaltimetype s = icalcomponent_get_dtstart(e);
		const char *tzid = tzid_of(e, ICAL_DTSTART_PROPERTY);
		if (s.is_date || icaltime_is_utc(s))
			assert_null(tzid);
		else
			assert_non_null(icalcomponent_get_timezone(cal, tzid));
	}
	icalcomponent_free(cal);
	free(text);

	/* An item long ago keeps the history it needs: Paris had no
	 * summer time in 1975, and Costa Rica had some in 1991. */
	struct ical_item old[] = {
		{ .uid = "a", .start = "1975-07-01T12:00", .tzid = "Europe/Paris",
		  .stamp = STAMP },
		{ .uid = "b", .start = "1991-03-01T12:00",
		  .tzid = "America/Costa_Rica", .stamp = STAMP },
	};
	text = write_ok(NULL, old, 2);
	cal = icalparser_parse_string(text);
	assert_non_null(cal);
	char utc[20];
	utc_of(cal, event_of(cal, "a"), ICAL_DTSTART_PROPERTY, utc);
	assert_string_equal(utc, "19750701T110000");
	utc_of(cal, event_of(cal, "b"), ICAL_DTSTART_PROPERTY, utc);
	assert_string_equal(utc, "19910301T170000");
	icalcomponent_free(cal);
	free(text);
}

/* Long lines: folds on UTF-8 boundaries at every offset. */
static void test_folding(void **state)
{
	(void)state;
	for (int shift = 0; shift < 4; shift++) {
		char summary[700];
		memset(summary, 'a', (size_t)shift);
		summary[shift] = '\0';
		for (int i = 0; i < 100; i++)
			strcat(summary, i % 3 ? "é" : i % 2 ? "€" : "😀,");
		/* An URL is not escaped: a backslash may come before any
		 * character, and stays with it. */
		char url[700] = "https://x.example/";
		memset(url + 18, 'b', (size_t)shift);
		url[18 + shift] = '\0';
		for (int i = 0; i < 100; i++)
			strcat(url, i % 2 ? "\\é" : "\\\\");
		struct ical_item it = { .uid = "fold", .summary = summary,
					.categories = summary, .url = url,
					.start = "2025-03-01", .stamp = STAMP };
		char *text = write_ok(summary, &it, 1);
		icalcomponent *cal = icalparser_parse_string(text);
		icalcomponent *e = event_of(cal, "fold");
		assert_string_equal(text_of(e, ICAL_SUMMARY_PROPERTY), summary);
		assert_string_equal(text_of(e, ICAL_CATEGORIES_PROPERTY), summary);
		assert_string_equal(icalproperty_get_url(icalcomponent_get_first_property(
					    e, ICAL_URL_PROPERTY)), url);
		icalcomponent_free(cal);
		free(text);
	}
}

/* An error: -1, a message containing want, out unchanged. */
static void check_refused(const struct ical_item *it, size_t count,
			  const char *want)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "before");
	char err[256] = "";
	if (ical_write(&b, "x", it, count, err, sizeof(err)) != -1)
		fail_msg("accepted, but should fail with \"%s\"", want);
	if (!strstr(err, want))
		fail_msg("message \"%s\" lacks \"%s\"", err, want);
	assert_string_equal(buf_str(&b), "before");
	buf_release(&b);
	/* err may be NULL. */
	assert_int_equal(ical_write(&b, "x", it, count, NULL, 0), -1);
}

static void test_refused(void **state)
{
	(void)state;
	const struct ical_item good = { .uid = "u", .start = "2025-03-01T10:00",
					.stamp = STAMP };
	struct ical_item it[2] = { good, good };
	static const struct {
		int field; /* 0 start, 1 end, 2 tzid, 3 stamp, 4 status, 5 uid */
		const char *value;
		const char *want;
	} cases[] = {
		{ 0, "2025-02-30T10:00", "item 1: start" },
		{ 0, "2025-13-01T10:00", "item 1: start" },
		{ 0, "2025-03-01 10:00", "item 1: start" },
		{ 0, "2025-03-01T24:00", "item 1: start" },
		{ 0, "2025-03-01T10:60", "item 1: start" },
		{ 0, "2025-3-1", "item 1: start" },
		{ 0, "1200-03-01", "item 1: start" },
		{ 0, "", "item 1: start" },
		{ 0, NULL, "item 1: start" },
		{ 0, "2024-02-29T10:00x", "item 1: start" },
		{ 1, "2025-03-01T09:59", "item 1: end: not after start" },
		{ 1, "2025-03-01T10:00", "item 1: end: not after start" },
		{ 1, "2025-03-02", "item 1: end" },
		{ 1, "2025-02-29T11:00", "item 1: end" },
		{ 2, "Mars/Olympus_Mons", "item 1: tzid: unknown time zone \"Mars/Olympus_Mons\"" },
		{ 2, "../../../etc/passwd", "item 1: tzid" },
		{ 2, "/etc/localtime", "item 1: tzid" },
		{ 2, "Europe//Paris", "item 1: tzid" },
		{ 2, "Europe", "item 1: tzid" },
		{ 2, "zone.tab", "item 1: tzid" },
		{ 2, "Europe/Paris\n", "item 1: tzid" },
		{ 3, "2025-02-01T08:00:00", "item 1: stamp" },
		{ 3, "2025-02-01 08:00:00Z", "item 1: stamp" },
		{ 3, NULL, "item 1: stamp" },
		{ 4, "confirmed", "item 1: status" },
		{ 5, "", "item 1: uid" },
		{ 5, "\x01\x02\x7F", "item 1: uid" },
		{ 5, NULL, "item 1: uid" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		it[1] = good;
		const char **f[] = { &it[1].start, &it[1].end, &it[1].tzid,
				     &it[1].stamp, &it[1].status, &it[1].uid };
		*f[cases[i].field] = cases[i].value;
		check_refused(it, 2, cases[i].want);
	}
	it[1] = good;
	it[1].sequence = -1;
	check_refused(it, 2, "item 1: sequence");
	/* An all-day item's end is its DTEND: the next day at the least. */
	it[1] = good;
	it[1].start = "2025-03-01";
	it[1].end = "2025-03-01";
	check_refused(it, 2, "item 1: end: not after start");
	it[1].end = "2025-03-02";
	it[1].tzid = "Not/A_Zone"; /* not read for an all-day item */
	struct buf b = BUF_INIT;
	char err[256];
	assert_int_equal(ical_write(&b, NULL, it, 2, err, sizeof(err)), 0);
	buf_release(&b);
	it[1] = good;
	it[1].start = "3000-12-31T23:30";
	check_refused(it, 2, "item 1: end");
	it[1].end = "3000-12-31T23:59";
	assert_int_equal(ical_write(&b, NULL, it, 2, err, sizeof(err)), 0);
	buf_release(&b);
	/* No items: an empty calendar. */
	assert_int_equal(ical_write(&b, "Vide", NULL, 0, err, sizeof(err)), 0);
	assert_non_null(strstr(buf_str(&b), "BEGIN:VCALENDAR\r\n"));
	assert_null(strstr(buf_str(&b), "BEGIN:VEVENT"));
	check_lines(b.data, b.len);
	buf_release(&b);
}

/* Several threads at once: libical is used under the module's lock. */
static void *writer_thread(void *arg)
{
	(void)arg;
	struct ical_item items[SAMPLE_COUNT];
	memcpy(items, sample, sizeof(sample));
	items[1].summary = "x";
	long ok = 1;
	for (int i = 0; i < 20; i++) {
		struct buf b = BUF_INIT;
		char err[256];
		if (ical_write(&b, "t", items, SAMPLE_COUNT, err, sizeof(err)) != 0 ||
		    !strstr(buf_str(&b), "TZID:America/Costa_Rica"))
			ok = 0;
		buf_release(&b);
	}
	return (void *)ok;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer_thread, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *ok;
		assert_int_equal(pthread_join(t[i], &ok), 0);
		assert_true(ok == (void *)1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_vtimezones),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
