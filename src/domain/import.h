/*
 * import.h - importing a spreadsheet into the directory, for any kind of
 * record, from its declaration: reading the file (CSV in UTF-8,
 * Windows-1252 or ISO-8859-1 with , ; or tab; XLSX, any sheet), mapping
 * its columns to fields (suggested from the headings in French, English
 * and Spanish; "Nom Prénom" split in two; values mapped to enumerations),
 * a dry run that lists every problem by row and column and every likely
 * duplicate (of a record in the base or of another row), then the import
 * itself in one transaction, recorded in the history under the batch, and
 * its undoing.
 *
 * The work runs in the background (domain/jobs.h) with its progress, or in
 * the foreground from the command line.
 */
#ifndef PASSERELLE_IMPORT_H
#define PASSERELLE_IMPORT_H

#include <stddef.h>

#include "domain/jobs.h"
#include "store/imports.h"

enum import_duplicate_action { IMPORT_SKIP = 0, IMPORT_UPDATE, IMPORT_CREATE };

struct import_column {
	int field;        /* field index in the kind, -1: ignored */
	int split_field;  /* "Nom Prénom": the given name goes there; -1 */
	const char *lang; /* for multilingual fields: the language of this column */
	int acronym;      /* for names: the column holds acronyms */
};

struct import_value_map {
	int field;
	const char *from; /* as written in the file */
	const char *to;   /* the code it means */
};

struct import_mapping {
	const struct kind *kind;
	size_t ncolumns;
	struct import_column *columns;
	size_t nvalues;
	struct import_value_map *values;
	enum import_duplicate_action on_duplicate;
	int skip_invalid; /* import the valid rows, leave the others */
	/* Decisions row by row ("row 12: update"), over on_duplicate. */
	size_t ndecisions;
	long *decision_rows;
	enum import_duplicate_action *decisions;
};

/* The action a code names: "update", "create", anything else skip. */
enum import_duplicate_action import_action(const char *code);

/* What kind of file this is, by its bytes: "xlsx" or "csv"; for CSV its
 * encoding's name and separator too. */
void import_detect(const void *data, size_t len, const char **format, const char **encoding, char *separator);

/* A file opened with its settings, read row by row as UTF-8 cells. */
struct import_table;
struct import_table *import_table_open(const void *data, size_t len, const char *format, const char *encoding,
				       char separator, int sheet, char *err, size_t errlen);
/* 1 a row (cells valid until the next call), 0 the end, -1 an error. */
int import_table_next(struct import_table *t, const char *const **cells, size_t *count);
size_t import_table_line(const struct import_table *t);
const char *import_table_error(const struct import_table *t);
/* Sheet names of an XLSX file (NULL for CSV). */
const char *import_table_sheet(const struct import_table *t, size_t i);
void import_table_close(struct import_table *t);

/* A mapping suggested from the headings. */
struct import_mapping *import_suggest(struct arena *a, const struct kind *k, const char *const *headings, size_t count);
/* The mapping as JSON and back; NULL with a message on bad JSON. */
char *import_mapping_json(struct arena *a, const struct import_mapping *m);
struct import_mapping *import_mapping_parse(struct arena *a, const char *json, char *err, size_t errlen);

/* Run a batch: a dry run (writes nothing but the batch's report) or the
 * import itself.  Progress and cancellation through p (may be NULL).  The
 * batch's state, counts, report and message are saved at the end. */
int import_run(struct store *s, const struct viewer *v, int64_t batch_id, int dry_run, struct job_progress *p);

/* Queue import_run in the background (jobs); -1 when one runs already. */
int import_start(struct jobs *j, struct store *s, const struct viewer *v, int64_t batch_id, int dry_run);

#endif
