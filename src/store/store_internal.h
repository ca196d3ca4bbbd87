/*
 * store_internal.h - what the files of src/store/ share and nothing else
 * sees: the store itself, the per-kind SQL built from the declarations,
 * and the helpers between reading, writing and validating.
 */
#ifndef PASSERELLE_STORE_INTERNAL_H
#define PASSERELLE_STORE_INTERNAL_H

#include <pthread.h>

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
size_t store_validate(struct store *s, struct db *db, struct record *r, struct field_errors *errors);

/* Load the reference lists into the database when empty, then into
 * memory.  0, or -1 with a message. */
int store_refs_load(struct store *s, char *err, size_t errlen);
void store_refs_release(struct store *s);

/* SQL of each kind, from its declaration. */
void store_sql_build(struct store *s);
void store_sql_release(struct store *s);

/* Index (or unindex, when r is NULL) a searchable record. */
int store_index_record(struct store *s, struct db *db, const struct kind *k, int64_t id, const struct record *r);

/* The visibility level of a code ("public" → VIS_PUBLIC); VIS_CONFIDENTIAL when unknown. */
enum visibility_level store_visibility_level(const char *code);



/* Fill a record's scalar fields from the current row of st, selected with
 * kind_sql.columns (id first, then the scalar fields, then the dates). */
void store_row_to_record(struct store *s, struct db_stmt *st, struct record *r);
/* Load the multi-valued fields of r. */
int store_load_multi(struct db *db, struct record *r);
#endif
