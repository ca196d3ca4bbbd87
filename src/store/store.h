/*
 * store.h - the storage layer: generic operations over the declared kinds
 * (get, list, search, create, update, delete, restore), reference lists,
 * and the only code that writes SQL.
 *
 * Reads use the calling thread's own read connection (opened on first
 * use); writes go through the one write connection, behind a mutex, each
 * in one BEGIN IMMEDIATE transaction.  Every write validates the whole
 * record first (store/validate.c) and writes nothing when anything is
 * wrong: the problems are returned as field errors.
 *
 * Who may see what: every read takes a `struct viewer`; a record above the
 * viewer's visibility does not exist for them (not found, absent from
 * lists and search).
 */
#ifndef PASSERELLE_STORE_H
#define PASSERELLE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "model/model.h"
#include "model/permission.h"
#include "model/record.h"

struct store;

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND = 1,
	STORE_INVALID = 2,   /* field errors say why */
	STORE_CONFLICT = 3,  /* e.g. restoring what is not deleted */
	STORE_FORBIDDEN = 4, /* the viewer's role may not do this */
	STORE_ERROR = -1,    /* database failure, logged */
};

#define VIEWER_MAX_TEAMS 32

/* Who is asking: every read and write takes one.  A zeroed viewer is an
 * anonymous visitor, who sees public records only. */
struct viewer {
	enum role role;
	int64_t account_id;     /* 0 for anonymous and system */
	int64_t organization;   /* a partner's organisation */
	int64_t teams[VIEWER_MAX_TEAMS];
	size_t nteams;
	const char *label;      /* the account's name, for the history */
	const char *origin;     /* web, api, import, cli, demo: for the history */
	const char *address;    /* the client's address, for the history */
};

/* Is the viewer one of the team (a reader or more), as opposed to a visitor
 * or a partner?  The desk's inner workings (workflow steps, who received
 * what, transmissions, files, timelines) are the team's only, whatever the
 * visibility of the record they concern. */
int store_viewer_is_team(const struct viewer *v);

/* The program itself (command line, demo loader): sees and may do all. */
struct viewer store_system_viewer(const char *origin);

/* Open (and create when `create`) the database at path, apply migrations,
 * load the reference lists (territories, sectors, SDGs) on first use, and
 * check the schema against the declarations.  NULL with a message in err. */
struct store *store_open(const char *path, int create, char *err, size_t errlen);
/* Close every connection.  No other call may be running. */
void store_close(struct store *s);
/* The end of a unit of work on this thread (a request, a job): a statement
 * its code left stepping is reset (it would pin the thread's reader to an
 * old snapshot, and later reads would miss newer writes) and named on
 * stderr as the bug it is; the tests fail on that line. */
void store_thread_done(struct store *s);
/* Is the database open and migrated? (for /healthz) */
int store_healthy(struct store *s);
const char *store_path(const struct store *s);

/* One record by id.  include_deleted lets the bin show deleted ones. */
int store_get(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id,
	      int include_deleted, struct record **out);
/* The title of one record, or NULL when the viewer may not see it. */
const char *store_title(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k, int64_t id);

#define STORE_MAX_FILTERS 12
#define STORE_MAX_LIMIT 200

struct store_filter {
	/* A field with F_FILTER; or "from" / "until": the list's date
	 * (model_list_date) on or after / on or before a day, YYYY-MM-DD or
	 * DD/MM/YYYY. */
	const char *field;
	const char *value;
};

struct store_query {
	const char *q;       /* free text search, or NULL */
	struct store_filter filters[STORE_MAX_FILTERS];
	size_t nfilters;
	const char *after;   /* keyset cursor from a previous page, or NULL */
	int limit;           /* 1..STORE_MAX_LIMIT; 0 means 50 */
	int deleted;         /* list the bin instead */
};

struct store_page {
	struct record **items;
	size_t count;
	const char *next; /* cursor of the next page, or NULL at the end */
	/* Its order: by relevance (a search); else newest first by this date
	 * (model_list_date); else (both 0) by title. */
	int by_relevance;
	const struct field *by_date;
};

/* A page of records of kind k matching q, sorted by relevance when q->q is
 * set, then by French collation of the title, then id.  Unknown filter
 * fields, bad values and bad cursors are reported in `errors`
 * (STORE_INVALID). */
int store_list(struct store *s, struct arena *a, const struct viewer *v, const struct kind *k,
	       const struct store_query *q, struct store_page *out, struct field_errors *errors);

/* Search across every searchable kind. */
struct search_hit {
	const struct kind *kind;
	int64_t id;
	const char *title;
	const char *subtitle; /* an organisation's acronym or kind; a person's position */
};
int store_search(struct store *s, struct arena *a, const struct viewer *v, const char *text, int limit,
		 const char *after, struct search_hit **hits, size_t *count, const char **next,
		 struct field_errors *errors);

/* Create r (r->id is set on success).  Validates and canonicalises r's
 * values in place. */
int store_create(struct store *s, struct arena *a, const struct viewer *v, struct record *r,
		 struct field_errors *errors);
/* Apply the fields present in `patch` to record patch->id, validate the
 * result, store it; *out (may be NULL) receives the stored record. */
int store_update(struct store *s, struct arena *a, const struct viewer *v, struct record *patch,
		 struct record **out, struct field_errors *errors);
/* The same, recorded in the history under another action than "update"
 * ("restore-version", "erase"...). */
int store_update_as(struct store *s, struct arena *a, const struct viewer *v, struct record *patch, const char *action,
		    struct record **out, struct field_errors *errors);
/* May the viewer do `action` (ACT_UPDATE, ACT_DELETE...) with record r?
 * Its role, and for a partner whether r concerns its own organisation:
 * pages offer only what would be accepted. */
int store_may(struct store *s, const struct viewer *v, const struct record *r, enum action action);
/* Move to the bin, or back from it. */
int store_delete(struct store *s, const struct viewer *v, const struct kind *k, int64_t id);
int store_restore(struct store *s, const struct viewer *v, const struct kind *k, int64_t id);

/* Several writes in one transaction (the demo loader, imports).  Between
 * begin and end, store_create/update run inside that transaction; end
 * commits when ok, else rolls everything back. */
int store_batch_begin(struct store *s);
int store_batch_end(struct store *s, int ok);

/* Reference lists (territory, sector, sector_category, sdg): read-only,
 * loaded at open. */
struct ref_item {
	const char *code;
	const char *parent;
	const char *kind;
	const char *name[3]; /* fr, en, es (indexes of enum i18n_lang) */
	const char *folded[3];
	double lat, lon;
	int has_coordinates;
};
const struct ref_item *store_ref_find(const struct store *s, const char *list, const char *code);
const struct ref_item *store_ref_items(const struct store *s, const char *list, size_t *count);
/* The item a user meant by `input`: its code (any case) or a name in any
 * language, folded.  NULL when none; *ambiguous is set when several match
 * (Saint-Martin: MF or SX). */
const struct ref_item *store_ref_resolve(const struct store *s, struct arena *a, const char *list,
					 const char *input, int *ambiguous);
/* The label of a reference item in language lang (0 fr, 1 en, 2 es),
 * falling back to English then French; the code itself when unknown. */
const char *store_ref_label(const struct store *s, const char *list, const char *code, int lang);

#endif
