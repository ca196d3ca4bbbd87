/*
 * contentline.h - the content lines of vCard (RFC 6350, and RFC 2426 for
 * 3.0) and iCalendar (RFC 5545): a text value escaped, a logical line
 * folded.  Used by the vCard export (export_vcard.c) and the iCalendar
 * writer (ical.c).
 *
 * Both formats escape a text value the same way (RFC 6350 section 3.4,
 * RFC 5545 section 3.3.11): backslash, comma and semicolon take a
 * backslash before them, a line end is written \n.  In a structured value
 * (vCard's N), each component is escaped alone and the separators added
 * after.
 *
 * Both fold a line the same way: lines longer than 75 octets (CRLF not
 * counted) are cut, each cut written CRLF and one space, which counts
 * in the next line's 75.  A cut never falls inside a UTF-8 sequence (the
 * bytes that are not one are taken one at a time), nor between a
 * backslash and the character after it: RFC 6350 and RFC 5545 unfold
 * before they unescape, so that would be valid, but not every reader
 * gets it right.
 */
#ifndef PASSERELLE_CONTENTLINE_H
#define PASSERELLE_CONTENTLINE_H

#include <stddef.h>

#include "base/buf.h"

/* Octets in a physical line, CRLF not counted. */
#define CONTENTLINE_MAX 75

/* Append the text value s[0..n) to out, escaped.  s is taken as it is:
 * the caller cleans it first (UTF-8, control characters). */
void contentline_escape(struct buf *out, const char *s, size_t n);

/* Append the logical line s[0..n) (name, parameters, ':' and value,
 * without line end) to out, folded, and end it with CRLF. */
void contentline_fold(struct buf *out, const char *s, size_t n);

#endif
