/*
 * http.h - a request and its response, as the handlers see them.
 *
 * The server (server.c) fills a struct request from libmicrohttpd, with
 * everything allocated from the request's arena; a handler writes the
 * response's status, type, headers and body; the server sends it and
 * releases the arena.  Handlers never touch libmicrohttpd.
 */
#ifndef PASSERELLE_HTTP_H
#define PASSERELLE_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "store/auth.h"
#include "store/store.h"
#include "web/i18n.h"

struct store;
struct jobs;

/* The cookie that carries the session token. */
#define SESSION_COOKIE "passerelle_session"

struct param {
	const char *name;
	const char *value;
};

struct params {
	struct param *items;
	size_t count;
	size_t cap;
};

#define HTTP_MAX_HEADERS 16

/* A file sent with a multipart form. */
struct upload {
	const char *field;
	const char *filename;
	const char *content_type;
	struct buf data;
	int present;
};

struct response {
	int status;
	const char *content_type;
	struct buf body;
	const unsigned char *static_body; /* when set, sent instead of body */
	size_t static_len;
	int file_fd;                     /* when > 0, the file is sent instead (and closed) */
	size_t file_size;
	struct param headers[HTTP_MAX_HEADERS];
	size_t nheaders;
};

struct request {
	struct arena arena;
	const char *method;
	const char *path;     /* decoded, without the query string */
	const char *segments[8]; /* path split on '/', decoded */
	size_t nsegments;
	struct params query;
	struct params form;   /* application/x-www-form-urlencoded or multipart body */
	struct upload upload; /* the file of a multipart form */
	struct jobs *jobs;    /* the background worker */
	const char *body;     /* raw body, NUL-terminated; body_len bytes */
	size_t body_len;
	const char *content_type;
	const char *accept_language;
	const char *cookie;
	const char *if_none_match;
	const char *sec_fetch_site;
	const char *origin_header;
	const char *host;
	const char *authorization;
	const char *csrf_header; /* X-CSRF-Token */
	const char *forwarded_proto;
	const char *address;  /* the client's address, as text */
	int loopback;         /* from 127.0.0.0/8 or ::1 */
	enum i18n_lang lang;
	struct store *store;
	/* Who is asking (router.c fills these before any handler runs). */
	struct viewer viewer;
	struct auth_account account; /* when signed_in */
	int signed_in;
	int via_bearer;              /* an API token: no cookie, no CSRF */
	char csrf[CRYPTO_TOKEN_SIZE]; /* the session's form token */
	const char *session_token;
	struct response res;
};

/* Parse "a=1&b=x%20y" (query strings and form bodies) into params,
 * decoding %XX and '+'.  Returns 0, or -1 with a message naming the byte
 * offset in err when the input is malformed (bad escape, invalid UTF-8,
 * more than 1000 parameters). */
int params_parse(struct arena *a, const char *text, size_t len, struct params *out, char *err, size_t errlen);
/* The same for a form body, except that values are not refused: a NUL
 * byte becomes an invalid UTF-8 pair and invalid UTF-8 stays, so that the
 * field they were typed in says what is wrong with them.  Names are
 * checked as strictly as by params_parse. */
int params_parse_form(struct arena *a, const char *text, size_t len, struct params *out, char *err, size_t errlen);
void params_add(struct arena *a, struct params *p, const char *name, const char *value);
/* The first value of `name`, or NULL. */
const char *params_get(const struct params *p, const char *name);
/* Percent-decode s[0..len) into the arena; '+' becomes a space when
 * plus_is_space.  NULL on a malformed escape. */
char *url_decode(struct arena *a, const char *s, size_t len, int plus_is_space);
/* Percent-encode s for a query string value. */
char *url_encode(struct arena *a, const char *s);

/* The value of cookie `name` in a Cookie header, or NULL. */
const char *cookie_get(struct arena *a, const char *header, const char *name);

void response_header(struct request *r, const char *name, const char *value);
/* A 303 redirect to a local path. */
void response_redirect(struct request *r, const char *location);
/* A plain-text response. */
void response_text(struct request *r, int status, const char *text);

#endif
