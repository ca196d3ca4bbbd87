/*
 * ical.h - iCalendar (RFC 5545) feeds: one VCALENDAR of VEVENTs, for
 * calendar applications that subscribe to a URL (Thunderbird, Apple
 * Calendar, Google Calendar, Outlook).
 *
 * Built on libical 3: libical holds the components, formats dates,
 * durations and enumerations, and makes the VTIMEZONE of each Olson zone
 * from the system's zoneinfo (/usr/share/zoneinfo, or $TZDIR).  Text
 * values are escaped here and every line is folded here, since libical
 * does not escape a comma inside a category and may cut a line anywhere.
 *
 * What a consumer gets:
 *   - lines end in CRLF and hold at most 75 octets; a fold never falls
 *     inside a UTF-8 sequence nor between a backslash and the character it
 *     escapes;
 *   - text (uid, summary, description, location, categories, calendar
 *     name) is UTF-8 repaired byte by byte (U+FFFD), CRLF and CR made LF,
 *     other control characters but tab dropped, spaces and tabs at either
 *     end dropped (libical's reader would drop them), then escaped (\\ \;
 *     \, \n); an URL loses every control character, tab and line ends
 *     included; a value empty after that is left out (an empty uid is an
 *     error);
 *   - a timed item in a zone has DTSTART;TZID=Area/City (the plain Olson
 *     name, not libical's "/freeassociation.sourceforge.net/" prefix) and
 *     the calendar one VTIMEZONE per zone used, before the events.  The
 *     VTIMEZONE keeps the observances from January 1 of the year before
 *     the zone's earliest item on, with the yearly rules in force today
 *     as one open RRULE per STANDARD and DAYLIGHT: the form Outlook writes
 *     and reads (libical cuts the rules at 2037; they are joined again);
 *   - a timed item without a zone is in UTC (DTSTART:...Z); an all-day
 *     item has DTSTART;VALUE=DATE and no zone (its tzid is not read).
 *
 * Thread-safe: libical's zone data and buffers are not, so every use of
 * libical here holds one process-wide mutex.
 */
#ifndef PASSERELLE_ICAL_H
#define PASSERELLE_ICAL_H

#include <stddef.h>

#include "base/buf.h"

struct ical_item {
	const char *uid;         /* stable, e.g. "interaction-12@passerelle.example" */
	const char *summary;
	const char *description; /* may be NULL, multi-line */
	const char *location;    /* may be NULL */
	const char *url;         /* may be NULL */
	const char *start;       /* "YYYY-MM-DDTHH:MM" local time in tzid, or "YYYY-MM-DD" for an all-day item */
	const char *end;         /* same form, or NULL (timed: 1 hour after start; all-day: the next day) */
	const char *tzid;        /* Olson name (America/Marigot, Europe/Paris, America/Costa_Rica...) for timed items; NULL = UTC */
	const char *stamp;       /* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" of the last change: DTSTAMP and LAST-MODIFIED */
	const char *status;      /* NULL, "CONFIRMED", "CANCELLED", "TENTATIVE" */
	const char *categories;  /* NULL or one category */
	int sequence;
};

/*
 * Write a VCALENDAR (PRODID "-//Passerelle//Passerelle//FR", VERSION 2.0,
 * CALSCALE GREGORIAN, METHOD PUBLISH, X-WR-CALNAME = calname, X-PUBLISHED-
 * TTL/REFRESH-INTERVAL 1 hour) with one VEVENT per item and one VTIMEZONE
 * per distinct tzid used, to out.  0, or -1 with a message naming the item
 * index and field (bad date, unknown time zone, end before start).  Text is
 * escaped and folded at 75 octets without cutting a UTF-8 sequence, lines
 * end in CRLF, invalid UTF-8 is repaired (U+FFFD) and control characters
 * dropped.
 *
 * The calendar is appended to out; on failure out is left as it was.
 * calname may be NULL (no X-WR-CALNAME); items may be NULL when count is 0.
 * Rules on each item, checked before anything is written (the message
 * says "item N: field: why", N counting from 0):
 *   - uid is not empty once cleaned;
 *   - start and end are real dates of the same form, years 1583 to 3000
 *     (libical's range, stamp's too); end is DTEND, the first moment
 *     after the item: for an all-day item the day after its last day.  It
 *     must be later than start (compared as wall-clock times in tzid, as
 *     a calendar reads them);
 *   - tzid, for a timed item, names a zone of the system's zoneinfo
 *     ("Area/City": letters, digits, '_', '-', '+', '/');
 *   - stamp is "YYYY-MM-DDTHH:MM:SSZ"; status is NULL or one of the three
 *     values above; sequence is not negative.
 * err may be NULL; it is "" after a success.
 */
int ical_write(struct buf *out, const char *calname,
	       const struct ical_item *items, size_t count, char *err,
	       size_t errlen);

#endif
