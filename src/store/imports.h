/*
 * imports.h - the storage side of imports: checking a record without
 * writing it, finding the existing record an incoming one probably is,
 * the import batches themselves (file, settings, mapping, report, state),
 * saved mappings, and undoing a batch.
 */
#ifndef PASSERELLE_IMPORTS_H
#define PASSERELLE_IMPORTS_H

#include "store/store.h"

/* Validate and canonicalise r exactly as store_create would, writing
 * nothing.  STORE_OK, or STORE_INVALID with the errors. */
int store_check(struct store *s, struct arena *a, const struct viewer *v, struct record *r, struct field_errors *errors);

/* The existing record (outside the bin, visible to v) that r probably is:
 * the same identifier (SIREN, SIRET, RNA, other registry number), the
 * same email, or the same folded name in the same territory.  0 when
 * none; *reason receives a msgid saying which. */
int64_t store_match(struct store *s, struct arena *a, const struct viewer *v, const struct record *r, const char **reason);

struct import_batch {
	int64_t id;
	int64_t account_id;
	const char *kind;      /* plural: "organizations" */
	const char *file_name;
	int64_t file_size;
	const char *format;    /* csv, xlsx */
	const char *encoding;
	const char *separator;
	int sheet;
	const char *mapping;   /* JSON or NULL */
	const char *state;     /* uploaded, checked, committed, undone, failed */
	int64_t rows_total, rows_invalid, rows_duplicate, created, updated, skipped;
	const char *report;    /* JSON or NULL */
	const char *message;
	const char *created_at;
};

int import_batch_create(struct store *s, const struct viewer *v, const char *kind, const char *file_name,
			const void *data, size_t size, const char *format, const char *encoding, const char *separator,
			int64_t *id);
int import_batch_get(struct store *s, struct arena *a, int64_t id, struct import_batch *out);
int import_batch_file(struct store *s, struct arena *a, int64_t id, const void **data, size_t *size);
/* Write back the settings, mapping, state, counts, report and message of b. */
int import_batch_save(struct store *s, const struct import_batch *b);
int import_batch_list(struct store *s, struct arena *a, int limit, struct import_batch **out, size_t *count);

/* Saved mappings of a kind, newest first. */
struct import_saved_mapping {
	int64_t id;
	const char *name;
	const char *mapping;
};
int import_mapping_save(struct store *s, const struct viewer *v, const char *kind, const char *name, const char *mapping);
int import_mapping_list(struct store *s, struct arena *a, const char *kind, struct import_saved_mapping **out, size_t *count);

/* Undo batch id: records it created go to the bin, records it updated get
 * their previous values back, each recorded in the history.  When a
 * record was changed since by something else, nothing is undone and the
 * conflicts are listed (field "" with the record's title in the detail). */
int import_undo(struct store *s, struct arena *a, const struct viewer *v, int64_t id, struct field_errors *conflicts);

/* The history origin of the writes of batch id ("import#12"). */
const char *import_origin(struct arena *a, int64_t id);

#endif
