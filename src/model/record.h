/*
 * record.h - one record of any kind, in memory, and the list of problems
 * found with it.
 *
 * Values are held as text whatever the field's type ("12.5", "true",
 * "2025-03-14", "14010"), in canonical form once validated; the storage
 * layer and the JSON writer convert by the field's declared type.  A
 * scalar field has zero or one value; a multi-valued field has any number.
 * All memory comes from the arena given at creation.
 */
#ifndef PASSERELLE_RECORD_H
#define PASSERELLE_RECORD_H

#include <stdint.h>
#include "base/arena.h"
#include "model/model.h"

struct value {
	const char *text;
	const char *lang; /* F_LANG fields, else NULL */
	int acronym;      /* F_ACRONYM fields */
};

struct field_values {
	size_t count;
	size_t cap;
	struct value *items;
	int present; /* set by the input: distinguishes "absent" from "emptied" in a PATCH */
};

struct record {
	const struct kind *kind;
	int64_t id; /* 0 until stored */
	struct field_values *values; /* kind->nfields entries */
	const char *created_at, *updated_at, *deleted_at; /* ISO 8601 UTC or NULL */
	struct arena *arena;
};

struct record *record_new(struct arena *a, const struct kind *k);
/* Append a value to field `i` (copied into the arena); marks it present. */
void record_add(struct record *r, int i, const char *text, const char *lang, int acronym);
/* Replace field `i`'s values by one value (NULL or "" empties it). */
void record_set(struct record *r, int i, const char *text);
/* Field `i`'s first value's text, or NULL when it has none. */
const char *record_get(const struct record *r, int i);
/* The same by field name; NULL for an unknown field too. */
const char *record_get_by_name(const struct record *r, const char *name);
/* Remove every value of field `i` and mark it present (an explicit empty). */
void record_clear(struct record *r, int i);
/* The title shown for the record: its F_TITLE fields joined by a space. */
const char *record_title(const struct record *r);

/* Problems found in input, each tied to a field (or "" for the record or
 * the request as a whole).  Messages are msgids, translated when shown;
 * `detail` (a value, a limit, a row; never translated) replaces the "{}"
 * in the translated message, or is NULL.  No printf format is ever built
 * from a message. */
struct field_error {
	const char *field;
	const char *message;
	const char *detail;
};

struct field_errors {
	struct field_error *items;
	size_t count;
	size_t cap;
	struct arena *arena;
};

void field_errors_init(struct field_errors *e, struct arena *a);
void field_errors_add(struct field_errors *e, const char *field, const char *message, const char *detail);
/* The first message for `field`, or NULL. */
const struct field_error *field_errors_find(const struct field_errors *e, const char *field);

#endif
