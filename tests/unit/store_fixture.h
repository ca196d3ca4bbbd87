/*
 * store_fixture.h - the cmocka fixture of the unit tests that need a real
 * store: a new database in its own temporary folder for each test, the
 * system viewer, an arena, and helpers to set fields by name.  Included
 * by test_store.c and test_duplicates.c, after <cmocka.h>.
 */
#ifndef PASSERELLE_STORE_FIXTURE_H
#define PASSERELLE_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/text.h"
#include "model/model.h"
#include "model/record.h"
#include "store/store.h"

struct fixture {
	char dir[64];
	char path[128];
	struct store *store;
	struct arena arena;
	struct viewer system;
};

static int group_setup(void **state)
{
	(void)state;
	if (crypto_init() != 0)
		return -1;
	return text_init();
}

static int group_teardown(void **state)
{
	(void)state;
	text_shutdown();
	return 0;
}

/* Remove the database, its WAL files and the other databases a test made
 * beside it, then the folder. */
static void remove_database(const char *dir, const char *path)
{
	static const char *const files[] = {"test.db-wal", "test.db-shm", "other.db", "other.db-wal", "other.db-shm"};
	char p[200];
	unlink(path);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/passerelle-test-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/test.db", f->dir);
	char err[512] = "";
	f->store = store_open(f->path, 1, err, sizeof(err));
	if (!f->store) {
		print_error("store_open: %s\n", err);
		remove_database(f->dir, f->path);
		free(f);
		return -1;
	}
	f->system = store_system_viewer("test");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->store);
	arena_release(&f->arena);
	remove_database(f->dir, f->path);
	free(f);
	return 0;
}

static int field(const struct kind *k, const char *name)
{
	int i = model_field_index(k, name);
	if (i < 0)
		fail_msg("%s has no field %s", k->name, name);
	return i;
}

static void set(struct record *r, const char *name, const char *value)
{
	record_set(r, field(r->kind, name), value);
}

#endif
