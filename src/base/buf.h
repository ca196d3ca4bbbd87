/*
 * buf.h - growable byte buffer, always NUL-terminated.
 *
 * A zeroed `struct buf` (BUF_INIT) is an empty buffer.  Growth aborts the
 * process on out-of-memory, like arena.h.  buf_detach() hands the malloc'd
 * storage to the caller; buf_release() frees it.
 */
#ifndef PASSERELLE_BUF_H
#define PASSERELLE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when len > 0 or after any append */
	size_t len;
	size_t cap;
};

#define BUF_INIT {0}

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Write the message into err[errlen] (when err is not NULL and errlen not
 * 0) and return -1: the failure path of every "0, or -1 with a message"
 * function. */
int fail_message(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Empty the buffer, keeping its storage. */
void buf_reset(struct buf *b);
/* The contents as a C string ("" when empty); never NULL. */
const char *buf_str(const struct buf *b);
/* Take the storage (caller frees); the buffer is empty afterwards. */
char *buf_detach(struct buf *b, size_t *len);
void buf_release(struct buf *b);

#endif
