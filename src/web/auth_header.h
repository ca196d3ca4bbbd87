/*
 * auth_header.h - the credentials a request carries, read from its headers:
 * an API token from "Authorization: Bearer <token>" (RFC 6750) and a
 * session token from the Cookie header (RFC 6265).
 *
 * These parse bytes from the network and are fuzzed
 * (tests/fuzz/fuzz_auth_headers.c).  They accept only what Passerelle
 * itself issues: tokens of URL-safe base64 characters [A-Za-z0-9_-], which
 * need no escaping anywhere.  They never allocate, read nothing past the
 * terminating NUL, never write more than outlen bytes, and leave `out`
 * empty ("") whenever they fail.  Thread-safe; no locale dependence.
 */
#ifndef PASSERELLE_AUTH_HEADER_H
#define PASSERELLE_AUTH_HEADER_H

#include <stddef.h>

/* Length bounds of a bearer token, in characters. */
#define AUTH_BEARER_MIN 16
#define AUTH_BEARER_MAX 128

/*
 * The token of an Authorization header value "Bearer <token>": the scheme
 * in any case, then one or more spaces, then AUTH_BEARER_MIN to
 * AUTH_BEARER_MAX characters of [A-Za-z0-9_-] (no "=" padding), with
 * nothing after it but spaces or tabs (leading ones are skipped too).
 * 0 and the token in out (NUL-terminated) on success; -1 for a NULL or
 * malformed header, another scheme, or a token that does not fit in
 * outlen - 1 characters.
 */
int auth_bearer_token(const char *authorization_header, char *out,
		      size_t outlen);

/*
 * The value of the cookie `name` in a Cookie header value, pairs
 * "name=value" separated by ";" with optional spaces or tabs around names
 * and values.  Names match exactly, case-sensitively; the first pair with
 * that name decides, even if its value is bad.  A value in double quotes
 * is taken without them.  The value must be 1 to outlen - 1 characters of
 * [A-Za-z0-9_-].  0 and the value in out (NUL-terminated) on success; -1
 * when the cookie is absent, its value is empty, too long or has another
 * character, or an argument is NULL or empty.
 */
int auth_session_cookie(const char *cookie_header, const char *name,
			char *out, size_t outlen);

#endif
