/*
 * db_sqlite.c - the SQLite backend of db.h.
 *
 * Connections run in WAL mode with synchronous=NORMAL, foreign keys on and
 * a busy timeout; write transactions are BEGIN IMMEDIATE so that a writer
 * waits for the lock instead of failing on upgrade.  Each connection keeps
 * a small cache of prepared statements keyed by SQL text.
 */
#include "db/db.h"
#include "base/clock.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE_SIZE 64

struct db_stmt {
	sqlite3_stmt *stmt;
	char *sql;
	struct db *db;
};

struct db {
	sqlite3 *handle;
	struct db_stmt cache[STMT_CACHE_SIZE];
	size_t ncache;
	size_t next_evict;
	char errmsg[512];
};

static void db_set_error(struct db *db, const char *what)
{
	snprintf(db->errmsg, sizeof(db->errmsg), "%s: %s", what, sqlite3_errmsg(db->handle));
}

const char *db_errmsg(struct db *db)
{
	return db->errmsg[0] ? db->errmsg : sqlite3_errmsg(db->handle);
}

struct db *db_open(const char *path, enum db_open_mode mode, char *err, size_t errlen)
{
	int flags = SQLITE_OPEN_NOMUTEX;
	if (mode == DB_OPEN_READ)
		flags |= SQLITE_OPEN_READONLY;
	else if (mode == DB_OPEN_EXISTING)
		flags |= SQLITE_OPEN_READWRITE;
	else
		flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	struct db *db = calloc(1, sizeof(*db));
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &db->handle, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open database %s: %s", path,
			 db->handle ? sqlite3_errmsg(db->handle) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	sqlite3_busy_timeout(db->handle, 5000);
	/* Reading the schema proves the file is a database at all. */
	/* WAL is set by db_set_wal once the file is known to be ours: opening
	 * somebody else's database must leave it as it was. */
	const char *setup = mode == DB_OPEN_READ
		? "PRAGMA foreign_keys=ON; SELECT count(*) FROM sqlite_schema;"
		: "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; SELECT count(*) FROM sqlite_schema;";
	char *msg = NULL;
	if (sqlite3_exec(db->handle, setup, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s is not a usable database: %s", path, msg ? msg : "unknown error");
		sqlite3_free(msg);
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].stmt);
		free(db->cache[i].sql);
	}
	sqlite3_close(db->handle);
	free(db);
}

int db_set_wal(struct db *db)
{
	return db_exec(db, "PRAGMA journal_mode=WAL");
}

/* A bulk write reads back the pages it has just written (indexes, the
 * full-text index, the history): with SQLite's default 2 MB cache each of
 * them is read again from the WAL by a system call. */
#define BULK_CACHE_KIB 65536

void db_bulk(struct db *db, int on)
{
	char sql[80];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size=-%d", on ? BULK_CACHE_KIB : 2000);
	db_exec(db, sql);
	if (!on)
		sqlite3_db_release_memory(db->handle);
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(db->errmsg, sizeof(db->errmsg), "%s", msg ? msg : "error");
		sqlite3_free(msg);
		return DB_ERROR;
	}
	return DB_OK;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (strcmp(db->cache[i].sql, sql) == 0)
			return &db->cache[i];
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		db_set_error(db, "prepare");
		return NULL;
	}
	size_t slot;
	if (db->ncache < STMT_CACHE_SIZE) {
		slot = db->ncache++;
	} else {
		slot = db->next_evict;
		db->next_evict = (db->next_evict + 1) % STMT_CACHE_SIZE;
		sqlite3_finalize(db->cache[slot].stmt);
		free(db->cache[slot].sql);
	}
	db->cache[slot].stmt = stmt;
	db->cache[slot].sql = strdup(sql);
	db->cache[slot].db = db;
	if (!db->cache[slot].sql)
		abort();
	return &db->cache[slot];
}

void db_bind_text(struct db_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s->stmt, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->stmt, i);
}

void db_bind_int(struct db_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s->stmt, i, v);
}

void db_bind_double(struct db_stmt *s, int i, double v)
{
	sqlite3_bind_double(s->stmt, i, v);
}

void db_bind_null(struct db_stmt *s, int i)
{
	sqlite3_bind_null(s->stmt, i);
}

void db_bind_blob(struct db_stmt *s, int i, const void *data, size_t size)
{
	sqlite3_bind_blob64(s->stmt, i, data, size, SQLITE_TRANSIENT);
}

const void *db_column_blob(struct db_stmt *s, int i)
{
	return sqlite3_column_blob(s->stmt, i);
}

size_t db_column_bytes(struct db_stmt *s, int i)
{
	return (size_t)sqlite3_column_bytes(s->stmt, i);
}

int db_step(struct db_stmt *s)
{
	int rc = sqlite3_step(s->stmt);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	db_set_error(s->db, "step");
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return DB_BUSY;
	return DB_ERROR;
}

int db_column_count(struct db_stmt *s)
{
	return sqlite3_column_count(s->stmt);
}

int db_column_is_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(s->stmt, i) == SQLITE_NULL;
}

const char *db_column_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->stmt, i);
}

int64_t db_column_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->stmt, i);
}

double db_column_double(struct db_stmt *s, int i)
{
	return sqlite3_column_double(s->stmt, i);
}

void db_stmt_done(struct db_stmt *s)
{
	sqlite3_reset(s->stmt);
	sqlite3_clear_bindings(s->stmt);
}

int db_reset_open_statements(struct db *db, char *sql, size_t sqllen)
{
	int n = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->handle, NULL); st; st = sqlite3_next_stmt(db->handle, st)) {
		if (!sqlite3_stmt_busy(st))
			continue;
		if (n++ == 0 && sql && sqllen)
			snprintf(sql, sqllen, "%s", sqlite3_sql(st));
		sqlite3_reset(st);
	}
	return n;
}

int64_t db_changes(struct db *db)
{
	return sqlite3_changes64(db->handle);
}

int64_t db_last_insert_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->handle);
}

int db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

int db_schema_version(struct db *db)
{
	struct db_stmt *s = db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
	if (!s)
		return -1;
	int exists = db_step(s) == DB_ROW && db_column_int(s, 0) > 0;
	db_stmt_done(s);
	if (!exists)
		return 0;
	s = db_prepare(db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
	if (!s)
		return -1;
	int v = db_step(s) == DB_ROW ? (int)db_column_int(s, 0) : -1;
	db_stmt_done(s);
	return v;
}

int db_migrate(struct db *db, const struct db_migration *migrations, size_t count, char *err, size_t errlen)
{
	int latest = count ? migrations[count - 1].version : 0;
	/* A database with tables but no migration record is somebody else's. */
	struct db_stmt *s = db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%'");
	if (!s) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		return -1;
	}
	int tables = db_step(s) == DB_ROW ? (int)db_column_int(s, 0) : 0;
	db_stmt_done(s);
	int current = db_schema_version(db);
	if (current < 0) {
		snprintf(err, errlen, "cannot read the schema version: %s", db_errmsg(db));
		return -1;
	}
	if (current == 0 && tables > 0) {
		snprintf(err, errlen, "this database was not created by Passerelle (it has tables but no schema_migrations)");
		return -1;
	}
	if (current > latest) {
		snprintf(err, errlen, "this database is at schema version %d, newer than this program (%d): upgrade Passerelle", current, latest);
		return -1;
	}
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT") != DB_OK) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		const struct db_migration *m = &migrations[i];
		if (m->version <= current)
			continue;
		/* An upgrade may take a while on a large database (0011 rebuilds
		 * the search index): say what is being done meanwhile. */
		if (current > 0)
			fprintf(stderr, "passerelle: upgrading the database: migration %d (%s)...\n", m->version, m->name);
		if (db_begin(db) != DB_OK || db_exec(db, m->sql) != DB_OK) {
			snprintf(err, errlen, "migration %d (%s) failed: %s", m->version, m->name, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		struct db_stmt *ins = db_prepare(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");
		if (!ins) {
			snprintf(err, errlen, "%s", db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		db_bind_int(ins, 1, m->version);
		db_bind_text(ins, 2, m->name);
		char now[21];
		clock_now_iso(now);
		db_bind_text(ins, 3, now);
		int rc = db_step(ins);
		db_stmt_done(ins);
		if (rc != DB_DONE || db_commit(db) != DB_OK) {
			snprintf(err, errlen, "migration %d (%s) could not be recorded: %s", m->version, m->name, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
	}
	return 0;
}
