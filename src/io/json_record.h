/*
 * json_record.h - a record to JSON and back, for any kind, from its
 * declaration (jansson).
 *
 * Out: scalar fields as JSON types by field type (integers, numbers,
 * booleans, strings), absent fields omitted; multi-valued fields as
 * arrays; values with a language as {"value", "lang"} objects (names add
 * "acronym"); plus id, created_at, updated_at and, in the bin, deleted_at.
 *
 * In: a JSON object; unknown keys, duplicate keys, wrong types and invalid
 * UTF-8 are errors naming the field (or the byte, for syntax).  null
 * empties a field.  id and the dates are read-only and ignored.
 */
#ifndef PASSERELLE_JSON_RECORD_H
#define PASSERELLE_JSON_RECORD_H

#include <jansson.h>

#include "model/record.h"

/* New reference to a JSON object for r. */
json_t *json_from_record(const struct record *r);

/* Parse body (len bytes) as one JSON object.  NULL with an error (field
 * "body", the byte offset in the detail) on bad syntax, a duplicate key,
 * invalid UTF-8, or anything but an object. */
json_t *json_parse_object(struct arena *a, const char *body, size_t len, struct field_errors *errors);

/* Fill a new record of kind k from obj; fields not in obj stay absent
 * (not present), so the same record serves creation and PATCH.  Returns
 * NULL when errors were added. */
struct record *json_to_record(struct arena *a, const struct kind *k, json_t *obj, struct field_errors *errors);

#endif
