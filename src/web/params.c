/*
 * params.c - query strings, form bodies and cookies.  Every byte of these
 * comes from the network: malformed escapes and invalid UTF-8 are refused
 * with the byte offset, never passed on.
 */
#include "web/http.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"

#define PARAMS_MAX 1000

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A NUL byte in a form value becomes these two bytes (an overlong,
 * invalid UTF-8 encoding of U+0000): the value stays whole, and the
 * field's validation names it as not valid text. */
#define NUL_MARK "\xC0\x80"

static char *decode(struct arena *a, const char *s, size_t len, int plus_is_space, int mark_nul)
{
	char *out = arena_alloc(a, 2 * len + 1), *p = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0' && mark_nul) {
			memcpy(p, NUL_MARK, 2);
			p += 2;
		} else if (s[i] == '%') {
			if (i + 2 >= len)
				return NULL;
			int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			if (hi == 0 && lo == 0) {
				if (!mark_nul)
					return NULL;
				memcpy(p, NUL_MARK, 2);
				p += 2;
			} else {
				*p++ = (char)(hi * 16 + lo);
			}
			i += 2;
		} else if (s[i] == '+' && plus_is_space) {
			*p++ = ' ';
		} else {
			*p++ = s[i];
		}
	}
	*p = '\0';
	return out;
}

char *url_decode(struct arena *a, const char *s, size_t len, int plus_is_space)
{
	return decode(a, s, len, plus_is_space, 0);
}

char *url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(a, n * 3 + 1), *p = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

void params_add(struct arena *a, struct params *p, const char *name, const char *value)
{
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct param *items = arena_alloc(a, cap * sizeof(*items));
		if (p->count)
			memcpy(items, p->items, p->count * sizeof(*items));
		p->items = items;
		p->cap = cap;
	}
	p->items[p->count].name = name;
	p->items[p->count].value = value;
	p->count++;
}

static int parse(struct arena *a, const char *text, size_t len, struct params *out, char *err, size_t errlen, int form)
{
	const char *nul = form ? NULL : memchr(text, '\0', len);
	if (nul) {
		snprintf(err, errlen, "NUL byte at byte %zu", (size_t)(nul - text));
		return -1;
	}
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && text[i] != '&')
			i++;
		size_t end = i;
		i++; /* past '&' */
		if (end == start)
			continue;
		if (out->count >= PARAMS_MAX) {
			snprintf(err, errlen, "more than %d parameters", PARAMS_MAX);
			return -1;
		}
		const char *eq = memchr(text + start, '=', end - start);
		size_t nlen = eq ? (size_t)(eq - (text + start)) : end - start;
		char *name = decode(a, text + start, nlen, 1, 0);
		char *value = eq ? decode(a, eq + 1, end - start - nlen - 1, 1, form) : arena_strdup(a, "");
		if (!name || !value) {
			snprintf(err, errlen, "malformed %%-escape or NUL byte in parameter at byte %zu", start);
			return -1;
		}
		size_t bad;
		/* A form's values are checked by their fields, which name them. */
		if (!text_utf8_valid(name, strlen(name), &bad) || (!form && !text_utf8_valid(value, strlen(value), &bad))) {
			snprintf(err, errlen, "invalid UTF-8 in parameter at byte %zu", start);
			return -1;
		}
		params_add(a, out, name, value);
	}
	return 0;
}

int params_parse(struct arena *a, const char *text, size_t len, struct params *out, char *err, size_t errlen)
{
	return parse(a, text, len, out, err, errlen, 0);
}

int params_parse_form(struct arena *a, const char *text, size_t len, struct params *out, char *err, size_t errlen)
{
	return parse(a, text, len, out, err, errlen, 1);
}

const char *params_get(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return p->items[i].value;
	return NULL;
}

const char *cookie_get(struct arena *a, const char *header, const char *name)
{
	if (!header)
		return NULL;
	size_t n = strlen(name);
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > n && strncmp(p, name, n) == 0 && p[n] == '=')
			return arena_strndup(a, p + n + 1, len - n - 1);
		p += len;
	}
	return NULL;
}

void response_header(struct request *r, const char *name, const char *value)
{
	if (r->res.nheaders < HTTP_MAX_HEADERS) {
		r->res.headers[r->res.nheaders].name = name;
		r->res.headers[r->res.nheaders].value = arena_strdup(&r->arena, value);
		r->res.nheaders++;
	}
}

void response_redirect(struct request *r, const char *location)
{
	r->res.status = 303;
	response_header(r, "Location", location);
	r->res.content_type = "text/plain; charset=utf-8";
	buf_reset(&r->res.body);
	buf_puts(&r->res.body, "See other\n");
}

void response_text(struct request *r, int status, const char *text)
{
	r->res.status = status;
	r->res.content_type = "text/plain; charset=utf-8";
	buf_reset(&r->res.body);
	buf_puts(&r->res.body, text);
}
