/* auth_header.c - see auth_header.h. */
#include "web/auth_header.h"

#include <string.h>

/* The characters of a token: URL-safe base64 without padding. */
static const char token_chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ASCII case-insensitive: does s start with `prefix` (lower case)? */
static int starts_with_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *prefix)
			return 0;
	}
	return 1;
}

/* Copy s[0..len) into out when len is 1..outlen-1 and every character is
 * a token character; 0, or -1 leaving out as it was. */
static int copy_token(const char *s, size_t len, char *out, size_t outlen)
{
	if (len == 0 || len >= outlen)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0' || !strchr(token_chars, s[i]))
			return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

int auth_bearer_token(const char *authorization_header, char *out,
		      size_t outlen)
{
	if (!out || outlen == 0)
		return -1;
	out[0] = '\0';
	if (!authorization_header)
		return -1;

	const char *p = authorization_header;
	while (is_blank(*p))
		p++;
	if (!starts_with_nocase(p, "bearer"))
		return -1;
	p += strlen("bearer");
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;

	size_t len = strspn(p, token_chars);
	const char *end = p + len;
	while (is_blank(*end))
		end++;
	if (*end != '\0' || len < AUTH_BEARER_MIN || len > AUTH_BEARER_MAX)
		return -1;
	return copy_token(p, len, out, outlen);
}

/* The value between `start` and `end` (a cookie pair past its "="):
 * blanks trimmed, then one pair of enclosing double quotes removed. */
static int cookie_value(const char *start, const char *end, char *out,
			size_t outlen)
{
	while (start < end && is_blank(*start))
		start++;
	while (end > start && is_blank(end[-1]))
		end--;
	if (end - start >= 2 && start[0] == '"' && end[-1] == '"') {
		start++;
		end--;
	}
	return copy_token(start, (size_t)(end - start), out, outlen);
}

int auth_session_cookie(const char *cookie_header, const char *name,
			char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return -1;
	out[0] = '\0';
	if (!cookie_header || !name || !*name)
		return -1;

	size_t name_len = strlen(name);
	const char *p = cookie_header;
	while (*p) {
		const char *pair_end = strchr(p, ';');
		if (!pair_end)
			pair_end = p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(pair_end - p));
		if (eq) {
			const char *ns = p, *ne = eq;
			while (ns < ne && is_blank(*ns))
				ns++;
			while (ne > ns && is_blank(ne[-1]))
				ne--;
			if ((size_t)(ne - ns) == name_len &&
			    memcmp(ns, name, name_len) == 0)
				return cookie_value(eq + 1, pair_end, out, outlen);
		}
		p = *pair_end ? pair_end + 1 : pair_end;
	}
	return -1;
}
