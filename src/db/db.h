/*
 * db.h - the portable database API: connections, prepared statements with
 * bound parameters, transactions, migrations.
 *
 * SQL given here is written in the subset SQLite and PostgreSQL share, with
 * `?N` parameters.  This file is the only place that knows the engine: the
 * SQLite backend is db_sqlite.c; a PostgreSQL backend will implement the
 * same functions.  Nothing above src/store/ calls these functions: handlers
 * never see SQL.
 *
 * A connection belongs to one thread at a time.  Statements are cached per
 * connection by their SQL text, so preparing the same SQL twice costs a
 * lookup; db_reset() must be called when done with a statement (or use
 * db_stmt_done()).
 */
#ifndef PASSERELLE_DB_H
#define PASSERELLE_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_status {
	DB_OK = 0,
	DB_ROW = 1,
	DB_DONE = 2,
	DB_ERROR = -1,
	DB_CONSTRAINT = -2, /* a unique or foreign key constraint failed */
	DB_BUSY = -3,
};

enum db_open_mode {
	DB_OPEN_WRITE,  /* read-write, created if missing */
	DB_OPEN_READ,   /* read-only (a worker's connection) */
	DB_OPEN_EXISTING, /* read-write, must exist */
};

/* Open the database at `path`.  On error returns NULL and writes a message
 * naming the file into err. */
struct db *db_open(const char *path, enum db_open_mode mode, char *err, size_t errlen);
void db_close(struct db *db);
/* The last error message of the connection. */
const char *db_errmsg(struct db *db);

/* Put the database in write-ahead-log mode (for a file known to be ours). */
int db_set_wal(struct db *db);

/* A bulk write (an import) begins (on = 1) or ends (on = 0): the engine may
 * hold more of the database in memory meanwhile, and gives it back after. */
void db_bulk(struct db *db, int on);

/* Run one or more statements without parameters (DDL, migrations). */
int db_exec(struct db *db, const char *sql);

/* A prepared statement for `sql`, from the connection's cache.  NULL on a
 * syntax error (message in db_errmsg).  Parameters are numbered from 1. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
void db_bind_text(struct db_stmt *s, int i, const char *text); /* NULL binds NULL */
void db_bind_int(struct db_stmt *s, int i, int64_t v);
void db_bind_double(struct db_stmt *s, int i, double v);
void db_bind_null(struct db_stmt *s, int i);
void db_bind_blob(struct db_stmt *s, int i, const void *data, size_t size);
/* DB_ROW, DB_DONE or an error status. */
int db_step(struct db_stmt *s);
int db_column_count(struct db_stmt *s);
int db_column_is_null(struct db_stmt *s, int i);
const char *db_column_text(struct db_stmt *s, int i); /* NULL for NULL; valid until next step */
int64_t db_column_int(struct db_stmt *s, int i);
double db_column_double(struct db_stmt *s, int i);
const void *db_column_blob(struct db_stmt *s, int i);
size_t db_column_bytes(struct db_stmt *s, int i);
/* Reset the statement and clear its bindings, ready for the cache. */
void db_stmt_done(struct db_stmt *s);
/* Reset every statement of the connection still stepping (stepped to a row
 * and never reset): such a statement keeps a read transaction open, so the
 * connection goes on reading an old snapshot.  Returns how many there were;
 * the SQL of the first in `sql` (may be NULL). */
int db_reset_open_statements(struct db *db, char *sql, size_t sqllen);
/* Rows changed by the last statement. */
int64_t db_changes(struct db *db);
int64_t db_last_insert_id(struct db *db);

/* Write transactions: BEGIN IMMEDIATE (the write lock is taken at once). */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Apply the numbered migrations not yet applied, each in its own
 * transaction, and record them in schema_migrations.  Refuses (returns -1
 * with a message) a database whose recorded version is newer than the
 * binary's, or a file that is not a Passerelle database. */
struct db_migration {
	int version;
	const char *name;
	const char *sql;
};
int db_migrate(struct db *db, const struct db_migration *migrations, size_t count, char *err, size_t errlen);
/* The highest applied migration version, 0 for an empty database, -1 on error. */
int db_schema_version(struct db *db);

#endif
