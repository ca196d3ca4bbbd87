/*
 * arena.h - region allocator: everything a request (or a job) allocates
 * comes from one arena and is freed at once by arena_release().
 *
 * Allocation never fails from the caller's point of view: on exhaustion of
 * the system's memory the process aborts with a message (a server that
 * cannot allocate a few kilobytes cannot answer anyway).  Pointers returned
 * are aligned for any type and stay valid until arena_release().
 */
#ifndef PASSERELLE_ARENA_H
#define PASSERELLE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head; /* newest block first */
	size_t used_total;        /* bytes handed out, for metrics */
};

#define ARENA_INIT {0}

/* Zeroed memory of `size` bytes. */
void *arena_alloc(struct arena *a, size_t size);
/* An array of `count` items of `size` bytes that must take one more: the
 * same when *cap > count, else a copy with twice the room (at least 8) and
 * *cap updated.  Arrays built row by row from a query use it. */
void *arena_grow(struct arena *a, void *items, size_t count, size_t *cap, size_t size);
/* Copy of `s` (NULL stays NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* Copy of the first `n` bytes of `s`, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Free every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

#endif
