/*
 * store.c - opening and closing the store, its connections, batches.
 * See store.h.
 */
#include "store/store_internal.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"

static atomic_ulong store_serial_counter = 1;

static _Thread_local struct db *thread_reader;
static _Thread_local unsigned long thread_reader_serial;

/* The numbered migrations, embedded from src/db/migrations/. */
static const struct db_migration *store_migrations(size_t *count)
{
	static struct db_migration list[] = {
		{1, "directory", NULL},
		{2, "accounts", NULL},
		{3, "reference version", NULL},
		{4, "search keys", NULL},
		{5, "history head", NULL},
		{6, "imports", NULL},
		{7, "filter indexes", NULL},
		{8, "activity", NULL},
		{9, "desk name keys", NULL},
		{10, "lists by date", NULL},
		{11, "search prefixes", NULL},
	};
	static const char *files[] = {
		"src/db/migrations/0001_directory.sql",
		"src/db/migrations/0002_accounts.sql",
		"src/db/migrations/0003_reference_version.sql",
		"src/db/migrations/0004_search_keys.sql",
		"src/db/migrations/0005_history_head.sql",
		"src/db/migrations/0006_imports.sql",
		"src/db/migrations/0007_filter_indexes.sql",
		"src/db/migrations/0008_activity.sql",
		"src/db/migrations/0009_desk_name_keys.sql",
		"src/db/migrations/0010_lists_by_date.sql",
		"src/db/migrations/0011_search_prefixes.sql",
	};
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		const struct embedded_file *f = embedded_find(files[i]);
		list[i].sql = f ? (const char *)f->data : NULL;
	}
	*count = sizeof(list) / sizeof(list[0]);
	return list;
}

/* Every scalar field of every kind must have its column. */
static int store_check_schema(struct store *s, char *err, size_t errlen)
{
	size_t nk;
	const struct kind *const *kinds = model_kinds(&nk);
	for (size_t i = 0; i < nk; i++) {
		struct db_stmt *st = db_prepare(s->writer, s->sql[i].select_by_id);
		if (!st) {
			snprintf(err, errlen, "the database does not match the declaration of %s: %s", kinds[i]->name,
				 db_errmsg(s->writer));
			return -1;
		}
	}
	return 0;
}

struct store *store_open(const char *path, int create, char *err, size_t errlen)
{
	struct store *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->path = strdup(path);
	s->serial = atomic_fetch_add(&store_serial_counter, 1);
	pthread_mutex_init(&s->write_lock, NULL);
	pthread_mutex_init(&s->readers_lock, NULL);
	s->writer = db_open(path, create ? DB_OPEN_WRITE : DB_OPEN_EXISTING, err, errlen);
	if (!s->writer)
		goto fail;
	size_t nm;
	const struct db_migration *m = store_migrations(&nm);
	for (size_t i = 0; i < nm; i++)
		if (!m[i].sql) {
			snprintf(err, errlen, "migration %d is missing from the binary", m[i].version);
			goto fail;
		}
	if (db_migrate(s->writer, m, nm, err, errlen) != 0) {
		char tmp[600];
		snprintf(tmp, sizeof(tmp), "%s: %s", path, err);
		snprintf(err, errlen, "%s", tmp);
		goto fail;
	}
	if (db_set_wal(s->writer) != DB_OK) {
		snprintf(err, errlen, "%s: cannot switch to WAL mode: %s", path, db_errmsg(s->writer));
		goto fail;
	}
	store_sql_build(s);
	if (store_check_schema(s, err, errlen) != 0)
		goto fail;
	if (store_refs_load(s, err, errlen) != 0)
		goto fail;
	if (store_reindex_if_needed(s, err, errlen) != 0)
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nreaders; i++)
		db_close(s->readers[i]);
	free(s->readers);
	if (thread_reader_serial == s->serial) {
		thread_reader = NULL;
		thread_reader_serial = 0;
	}
	db_close(s->writer);
	store_sql_release(s);
	store_refs_release(s);
	pthread_mutex_destroy(&s->write_lock);
	pthread_mutex_destroy(&s->readers_lock);
	free(s->path);
	free(s);
}

const char *store_path(const struct store *s)
{
	return s->path;
}

struct db *store_reader(struct store *s)
{
	if (thread_reader && thread_reader_serial == s->serial)
		return thread_reader;
	char err[512];
	struct db *db = db_open(s->path, DB_OPEN_READ, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "passerelle: %s\n", err);
		return NULL;
	}
	pthread_mutex_lock(&s->readers_lock);
	if (s->nreaders == s->capreaders) {
		size_t cap = s->capreaders ? s->capreaders * 2 : 8;
		struct db **r = realloc(s->readers, cap * sizeof(*r));
		if (!r)
			abort();
		s->readers = r;
		s->capreaders = cap;
	}
	s->readers[s->nreaders++] = db;
	pthread_mutex_unlock(&s->readers_lock);
	thread_reader = db;
	thread_reader_serial = s->serial;
	return db;
}

void store_thread_done(struct store *s)
{
	char sql[200];
	struct db *dbs[2] = {thread_reader && thread_reader_serial == s->serial ? thread_reader : NULL, NULL};
	/* The writer is this thread's only while it holds the lock. */
	if (pthread_mutex_trylock(&s->write_lock) == 0) {
		dbs[1] = s->writer;
		for (int i = 0; i < 2; i++)
			if (dbs[i] && db_reset_open_statements(dbs[i], sql, sizeof(sql)) > 0)
				fprintf(stderr, "passerelle: a statement was left open: %s\n", sql);
		pthread_mutex_unlock(&s->write_lock);
	} else if (dbs[0] && db_reset_open_statements(dbs[0], sql, sizeof(sql)) > 0) {
		fprintf(stderr, "passerelle: a statement was left open: %s\n", sql);
	}
}

int store_healthy(struct store *s)
{
	struct db *db = store_reader(s);
	if (!db)
		return 0;
	int v = db_schema_version(db);
	size_t nm;
	const struct db_migration *m = store_migrations(&nm);
	return v == m[nm - 1].version;
}

int store_batch_begin(struct store *s)
{
	pthread_mutex_lock(&s->write_lock);
	if (db_begin(s->writer) != DB_OK) {
		pthread_mutex_unlock(&s->write_lock);
		return STORE_ERROR;
	}
	db_bulk(s->writer, 1);
	s->in_batch = 1;
	s->batch_owner = pthread_self();
	return STORE_OK;
}

int store_batch_end(struct store *s, int ok)
{
	int rc = STORE_OK;
	if (ok) {
		if (db_commit(s->writer) != DB_OK) {
			fprintf(stderr, "passerelle: commit failed: %s\n", db_errmsg(s->writer));
			db_rollback(s->writer);
			rc = STORE_ERROR;
		}
	} else {
		db_rollback(s->writer);
	}
	db_bulk(s->writer, 0);
	s->in_batch = 0;
	pthread_mutex_unlock(&s->write_lock);
	return rc;
}
