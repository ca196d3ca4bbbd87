/*
 * check.h - checks of single values by type (used by the generic
 * validation) and the cross-field checks that declarations name in their
 * `check` hook.
 */
#ifndef PASSERELLE_CHECK_H
#define PASSERELLE_CHECK_H

#include "model/record.h"

/* Luhn check over a string of digits of length `len` (SIREN: 9, SIRET: 14). */
int check_luhn(const char *digits, size_t len);
/* A plausible email address: one @, a local part, a domain with a dot, no
 * spaces or control characters.  1 when valid. */
int check_email(const char *s);
/* An absolute http(s) URL with a host.  1 when valid. */
int check_url(const char *s);
/* A phone number: digits, spaces, dots, dashes, parentheses, an optional
 * leading +, and at least 4 digits.  1 when valid. */
int check_phone(const char *s);
/* "true" or "false" for the ways people say yes or no (true, 1, yes, oui,
 * sí, on... false, 0, no, non, off...), NULL otherwise. */
const char *check_bool(const char *s);
/* Does valid UTF-8 s hold a bidirectional override or isolate (U+202A to
 * U+202E, U+2066 to U+2069), which would make text display other than it
 * reads ("Paiement \u202Efdp.exe")?  1 when it does. */
int check_has_bidi_control(const char *s);
/* A calendar date YYYY-MM-DD that exists.  1 when valid. */
int check_date(const char *s);
/* A local date and time YYYY-MM-DDTHH:MM that exists.  1 when valid. */
int check_datetime(const char *s);
/* An RNA number: W followed by nine letters or digits.  1 when valid. */
int check_rna(const char *s);

/* Both coordinates or neither. */
void check_coordinates(const struct record *r, const char *lat, const char *lon, struct field_errors *errors);
/* An end date not before the start date. */
void check_date_order(const struct record *r, const char *start, const char *end, struct field_errors *errors);
/* A SIRET whose first nine digits are the SIREN, when both are given. */
void check_siret_matches_siren(const struct record *r, struct field_errors *errors);

/* A partner account names its organisation; other roles need none. */
void check_partner_organization(const struct record *r, struct field_errors *errors);

#endif
