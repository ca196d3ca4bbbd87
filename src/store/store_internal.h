/*
 * store_internal.h - what the files of src/store/ share and nothing else
 * sees: the store itself, the per-kind SQL built from the declarations,
 * and the helpers between reading, writing and validating.
 */
#ifndef PASSERELLE_STORE_INTERNAL_H
#define PASSERELLE_STORE_INTERNAL_H

#include <pthread.h>

#include "base/buf.h"
#include "db/db.h"
#include "store/store.h"

#define STORE_MAX_KINDS 16
#define SEARCH_ROWID_SHIFT 40

/* SQL for one kind, built once at open from its declaration. */
struct kind_sql {
	char *select_by_id; /* all scalar columns, by id */
	char *insert;
	char *update;
	char *columns;      /* "t.id, t.name, ..." as selected */
	int nscalar;        /* scalar fields, in declaration order */
};

struct ref_list {
	const char *name;
	struct ref_item *items; /* sorted by code */
	size_t count;
};

struct store {
	char *path;
	unsigned long serial;       /* tells thread-local readers which store they belong to */
	pthread_mutex_t write_lock;
	struct db *writer;
	int in_batch;
	pthread_t batch_owner;    /* the thread whose batch holds the write lock */
	pthread_mutex_t readers_lock;
	struct db **readers;
	size_t nreaders, capreaders;
	struct kind_sql sql[STORE_MAX_KINDS];
	struct ref_list refs[4];
	size_t nrefs;
	struct arena ref_arena;
};

/* The calling thread's read connection (opened on first use), or NULL. */
struct db *store_reader(struct store *s);

/* Read one record through connection db (reader or writer). */
int store_read_record(struct store *s, struct db *db, struct arena *a, const struct viewer *v,
		      const struct kind *k, int64_t id, int include_deleted, struct record **out);

/* Validate and canonicalise r in place; adds problems to errors.  Uses db
 * to check references.  Returns the number of problems found. */
/* "14/03/2025" → "2025-03-14"; other text unchanged (check it after). */
const char *store_french_date(struct arena *a, const char *s);
size_t store_validate(struct store *s, struct db *db, const struct viewer *v, struct record *r,
		      struct field_errors *errors);

/* Load the reference lists into the database when empty, then into
 * memory.  0, or -1 with a message. */
int store_refs_load(struct store *s, char *err, size_t errlen);
void store_refs_release(struct store *s);

/* SQL of each kind, from its declaration. */
void store_sql_build(struct store *s);
void store_sql_release(struct store *s);

/* Index (or unindex, when r is NULL) a searchable record. */
int store_index_record(struct store *s, struct db *db, const struct kind *k, int64_t id, const struct record *r);

/* Parameters of a statement being built: values are bound in order as
 * ?1, ?2...  Text, or a number where a column holds REAL. */
#define SQL_MAX_PARAMS 160
struct sql_params {
	struct {
		const char *text;
		double number;
		int is_number;
	} items[SQL_MAX_PARAMS + 1];
	int count;
};
/* Add a text parameter; returns its number (for "?%d"), or 0 when full. */
int sql_param(struct sql_params *p, const char *text);
int sql_param_number(struct sql_params *p, double number);
void sql_bind(struct db_stmt *st, const struct sql_params *p);

/* Append to sql the conditions under which the viewer sees rows of kind
 * k under the alias (" AND ..."), nothing for administrators and the
 * system.  Kinds without their own visibility are seen when every record
 * they refer to is. */
void store_visibility_sql(const struct viewer *v, const struct kind *k, const char *alias, struct buf *sql,
			  struct sql_params *p, struct arena *a);
/* May the viewer see r (loaded with its multi-valued fields)? */
int store_may_see(struct store *s, struct db *db, const struct viewer *v, const struct record *r);
/* Empty the fields a visitor or a partner may not read (those without
 * F_PUBLIC) of a record they may see.  Read paths only: a record read to
 * be changed is never redacted. */
void store_redact(struct db *db, const struct viewer *v, struct record *r);
/* May the viewer do `action` with r?  Role first, then for partners the
 * record must concern their own organisation. */
int store_may_write(struct store *s, struct db *db, const struct viewer *v, const struct record *r, enum action action);



/* Fill a record's scalar fields from the current row of st, selected with
 * kind_sql.columns (id first, then the scalar fields, then the dates). */
void store_row_to_record(struct store *s, struct db_stmt *st, struct record *r);
/* Load the multi-valued fields of r. */
int store_load_multi(struct db *db, struct record *r);


/* After a migration that emptied the search index or the folded values:
 * rebuild them from the records (records.c).  0, or -1 with a message. */
int store_reindex_if_needed(struct store *s, char *err, size_t errlen);

/* For the desk's inner lists (steps, recipients, files, timelines): the
 * calling thread's reader, once the viewer is found to be of the team
 * (else STORE_FORBIDDEN) and to see record k/id, in the bin or not (else
 * STORE_NOT_FOUND). */
int store_team_reader(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
		      struct db **db);

/* The records of kind k whose ids the first column of `sql` gives, read
 * (and redacted) as v sees them, at most limit (0: all), in that order. */
int store_records_by_sql(struct store *s, struct db *db, struct arena *a, const struct viewer *v, const struct kind *k,
			 const char *sql, const struct sql_params *p, int limit, struct record ***items, size_t *count);

/* Write `after` (validated, or read as stored with a state changed by the
 * workflow engine) over its stored version `before`, in the current write
 * transaction, with its history entry under `action` and the change's
 * effects.  The caller has checked who may. */
int store_write_existing(struct store *s, struct arena *a, const struct viewer *v, const struct record *before,
			 struct record *after, const char *action);

/* What a change does beyond the record (effects.c), in its transaction. */
int store_after_write(struct store *s, struct db *db, const struct record *before, const struct record *after);

/* Run fn(s, ctx) inside the write lock and nothing else (no transaction):
 * for pragmas and checkpoints that must not land inside another thread's
 * transaction. */
int store_with_lock(struct store *s, int (*fn)(struct store *, void *), void *ctx);

/* Run fn(s, ctx) inside the write lock and one BEGIN IMMEDIATE
 * transaction (unless a batch holds both already): committed when fn
 * returns STORE_OK, rolled back otherwise. */
int store_in_write(struct store *s, int (*fn)(struct store *, void *), void *ctx);
/* The write connection, for fn above. */
#define store_writer(s) ((s)->writer)

/* Append a history entry for a change of k/id from `before` (NULL for a
 * creation) to `after` (NULL when only the action matters), in the current
 * write transaction (history.c). */
int store_history_append(struct store *s, struct db *db, const struct viewer *v, const struct kind *k, int64_t id,
			 const char *action, const struct record *before, const struct record *after);
#endif
