/*
 * fuzz_params.c - libFuzzer target for src/web/params.c: query strings,
 * form bodies, cookies and percent-encoding.
 *
 * For any input it checks:
 *   - params_parse(), on the bytes as a query string and again as a form
 *     body, either fails with a message (naming a byte offset inside the
 *     input, or the parameter limit) or gives at most 1000 parameters
 *     whose names and values are NUL-free valid UTF-8; a raw NUL byte in
 *     a parameter is refused like "%00" (it would cut the value short);
 *     the parameters, written back with url_encode(), parse back to the
 *     same list;
 *   - url_decode() in both '+' modes never writes past the input's
 *     length, and fails exactly where a reference decoder does;
 *   - url_encode() writes only unreserved characters and %XX escapes, and
 *     url_decode(url_encode(x)) == x for the NUL-free prefix x;
 *   - cookie_get() on the NUL-terminated input as a Cookie header agrees
 *     with a reference reading of "name=value; name=value".
 *
 * Build and run: sh tests/fuzz/run.sh (seeds in tests/fuzz/corpus/params/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PARAMS_LIMIT 1000

static void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_params: %s: \"%s\"\n", what, detail ? detail : "(null)");
	abort();
}

static int hex_digit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Reference: is s[0..len) a well-formed percent-encoding without %00? */
static int reference_decodes(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '%')
			continue;
		if (i + 2 >= len)
			return 0;
		if (!hex_digit(s[i + 1]) || !hex_digit(s[i + 2]))
			return 0;
		if (s[i + 1] == '0' && s[i + 2] == '0')
			return 0;
		i += 2;
	}
	return 1;
}

/* An error message must say where: "at byte N" with N inside the input, or
 * the parameter limit. */
static void check_error_message(const char *err, size_t size)
{
	if (!err[0])
		fuzz_fail("failure without a message", err);
	if (strstr(err, "more than"))
		return;
	const char *at = strstr(err, "at byte ");
	unsigned long long offset;
	if (!at || sscanf(at, "at byte %llu", &offset) != 1)
		fuzz_fail("error without a byte offset", err);
	if (offset >= size)
		fuzz_fail("error offset outside the input", err);
}

static void check_params(const struct params *p)
{
	if (p->count > PARAMS_LIMIT)
		fuzz_fail("more parameters than the limit", "");
	for (size_t i = 0; i < p->count; i++) {
		const char *n = p->items[i].name, *v = p->items[i].value;
		if (!n || !v)
			fuzz_fail("NULL name or value", n);
		if (!text_utf8_valid(n, strlen(n), NULL))
			fuzz_fail("name is not UTF-8", n);
		if (!text_utf8_valid(v, strlen(v), NULL))
			fuzz_fail("value is not UTF-8", v);
	}
}

/* Is there a raw NUL byte inside a non-empty '&'-separated parameter? */
static int has_raw_nul_in_parameter(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0')
			return 1; /* a NUL is never a separator: its parameter is non-empty */
	return 0;
}

/* Write p back as a query string and parse it again: the same list. */
static void check_round_trip(struct arena *a, const struct params *p)
{
	struct buf q = BUF_INIT;
	for (size_t i = 0; i < p->count; i++) {
		if (i)
			buf_putc(&q, '&');
		buf_puts(&q, url_encode(a, p->items[i].name));
		buf_putc(&q, '=');
		buf_puts(&q, url_encode(a, p->items[i].value));
	}
	struct params again = {0};
	char err[256] = "";
	if (params_parse(a, q.data ? q.data : "", q.len, &again, err, sizeof(err)) != 0)
		fuzz_fail("written-back parameters do not parse", err);
	if (again.count != p->count)
		fuzz_fail("written-back parameters changed count", q.data);
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(again.items[i].name, p->items[i].name) || strcmp(again.items[i].value, p->items[i].value))
			fuzz_fail("written-back parameter differs", p->items[i].name);
	buf_release(&q);
}

static void check_parse(struct arena *a, const char *text, size_t len)
{
	struct params p = {0};
	char err[256];
	memset(err, 'x', sizeof(err));
	err[0] = '\0';
	int rc = params_parse(a, text, len, &p, err, sizeof(err));
	if (!memchr(err, '\0', sizeof(err)))
		fuzz_fail("error not terminated", "");
	if (rc != 0 && rc != -1)
		fuzz_fail("bad return code", "");
	if (rc == -1) {
		check_error_message(err, len);
		return;
	}
	if (has_raw_nul_in_parameter(text, len))
		fuzz_fail("a raw NUL byte in a parameter was accepted (the value is cut short)", text);
	check_params(&p);
	check_round_trip(a, &p);
	/* Every name parsed is found by params_get (the first of its values). */
	for (size_t i = 0; i < p.count; i++)
		if (params_get(&p, p.items[i].name) == NULL)
			fuzz_fail("params_get misses a parsed name", p.items[i].name);
}

static void check_decode(struct arena *a, const char *s, size_t len)
{
	for (int plus = 0; plus <= 1; plus++) {
		char *d = url_decode(a, s, len, plus);
		int ok = reference_decodes(s, len);
		if ((d != NULL) != ok)
			fuzz_fail(ok ? "url_decode refused a good escape" : "url_decode accepted a bad escape", s);
		if (!d)
			continue;
		if (strlen(d) > len)
			fuzz_fail("decoded longer than the input", d);
		if (plus && strchr(d, '+') && !memmem(s, len, "%2B", 3) && !memmem(s, len, "%2b", 3))
			fuzz_fail("'+' left undecoded", d);
	}
}

static void check_encode(struct arena *a, const char *s)
{
	char *e = url_encode(a, s);
	for (const char *p = e; *p; p++) {
		if (*p == '%') {
			if (!hex_digit(p[1]) || !hex_digit(p[2]))
				fuzz_fail("bad escape written", e);
			p += 2;
			continue;
		}
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~", *p))
			fuzz_fail("reserved character written unescaped", e);
	}
	for (int plus = 0; plus <= 1; plus++) {
		char *d = url_decode(a, e, strlen(e), plus);
		if (!d || strcmp(d, s) != 0)
			fuzz_fail("url_decode(url_encode(x)) != x", s);
	}
}

/* Reference reading of a Cookie header: segments split on ';', leading
 * spaces dropped, the first "name=" wins. */
static const char *reference_cookie(struct arena *a, const char *header, const char *name)
{
	size_t n = strlen(name);
	const char *p = header;
	for (;;) {
		while (*p == ' ' || *p == ';')
			p++;
		if (!*p)
			return NULL;
		size_t len = strcspn(p, ";");
		if (len > n && memcmp(p, name, n) == 0 && p[n] == '=')
			return arena_strndup(a, p + n + 1, len - n - 1);
		p += len;
	}
}

static void check_cookies(struct arena *a, const char *header)
{
	static const char *const names[] = {"lang", "session", "a", "", "=", "lang=fr"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *got = cookie_get(a, header, names[i]);
		const char *want = reference_cookie(a, header, names[i]);
		if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
			fuzz_fail("cookie_get disagrees with the reference", header);
		if (got && strchr(got, ';'))
			fuzz_fail("cookie value holds a ';'", got);
	}
	if (cookie_get(a, NULL, "lang") != NULL)
		fuzz_fail("cookie from no header", "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		if (text_init() != 0)
			abort();
		ready = 1;
	}
	if (size > 256 * 1024)
		return 0;
	struct arena a = ARENA_INIT;

	/* Exactly `size` bytes, not NUL-terminated: reads past the end are
	 * caught by ASan. */
	char *exact = malloc(size ? size : 1);
	if (!exact)
		abort();
	memcpy(exact, data, size);
	check_parse(&a, exact, size); /* as a query string */
	check_decode(&a, exact, size);

	/* As a form body: the server hands the NUL-terminated body over. */
	char *copy = malloc(size + 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	check_parse(&a, copy, size);

	check_encode(&a, copy); /* the NUL-free prefix */
	check_cookies(&a, copy);

	free(exact);
	free(copy);
	arena_release(&a);
	return 0;
}
