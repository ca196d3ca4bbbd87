/*
 * bench.h - what the benchmark programs (bench/duplicates.c, bench/desk.c)
 * share: a seeded random generator (splitmix64), a monotonic clock, and
 * the database they generate into, in a temporary folder removed at the
 * end unless named or kept.  Header-only: each program is one file built
 * by bench/steps.sh.
 */
#ifndef PASSERELLE_BENCH_H
#define PASSERELLE_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_state = 20250101;

/* The next number of the seeded sequence (set rng_state to seed it). */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static size_t below(size_t n)
{
	return (size_t)(rng() % n);
}

/* Monotonic seconds, for durations. */
static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Where `name` (the program's name, for messages and the folder) writes
 * its new database: `db` when given (then *keep is set), else NAME.db in a
 * new temporary folder (dir).  The file must not exist.  0, or -1 after a
 * message on stderr. */
static int bench_database(const char *name, const char *db, char dir[64], char path[4200], int *keep)
{
	if (db) {
		snprintf(path, 4200, "%s", db);
		*keep = 1;
	} else {
		snprintf(dir, 64, "/tmp/passerelle-bench-%s-XXXXXX", name);
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			return -1;
		}
		snprintf(path, 4200, "%s/%s.db", dir, name);
	}
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "%s: %s exists already\n", name, path);
		return -1;
	}
	return 0;
}

/* Remove the database, its WAL files and its temporary folder; or, kept,
 * say where it stays. */
static void bench_database_done(const char *name, const char *dir, const char *path, int keep)
{
	if (keep) {
		printf("%s: the database stays at %s\n", name, path);
		return;
	}
	char p[4300];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	if (*dir)
		rmdir(dir);
}

#endif
