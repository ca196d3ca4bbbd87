/*
 * server.c - libmicrohttpd glue: reads a request (headers, body up to the
 * limit), hands it to the router, sends the response with the security
 * headers every response carries.  See server.h.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/clock.h"
#include "web/http.h"
#include "model/model.h"
#include "store/store.h"
#include "web/router.h"

struct server {
	struct MHD_Daemon *daemon;
	struct store *store;
	struct jobs *jobs;
	size_t max_body;
	size_t max_upload;
	unsigned port;
};

/* What a connection accumulates between the calls of one request. */
struct pending {
	struct buf body;
	int too_large;
};

static const char *security_csp =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof(host))
		return -1;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535 || !colon[1])
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[') {
		size_t n = strlen(host);
		if (n < 3 || host[n - 1] != ']')
			return -1;
		host[n - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
			return -1;
		*len = sizeof(*a6);
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
			return -1;
		*len = sizeof(*a4);
	}
	return 0;
}

static int is_loopback(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return 0;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		if (IN6_IS_ADDR_LOOPBACK(a))
			return 1;
		if (IN6_IS_ADDR_V4MAPPED(a))
			return a->s6_addr[12] == 127;
	}
	return 0;
}

/* The client's address as text ("127.0.0.1", "::1"); behind a proxy on
 * this machine, the X-Forwarded-For it sets. */
static const char *client_address(struct arena *a, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof(text));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof(text));
	}
	if (is_loopback(c)) {
		const char *fwd = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
		if (fwd && *fwd) {
			/* The proxy appends the address it saw: the last one.  What
			 * comes before it was written by the client. */
			const char *last = strrchr(fwd, ',');
			last = last ? last + 1 : fwd;
			while (*last == ' ')
				last++;
			size_t n = strcspn(last, ", ");
			if (n > 0 && n < 64)
				return arena_strndup(a, last, n);
		}
	}
	return arena_strdup(a, text);
}

static const char *header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct request *r)
{
	struct MHD_Response *res;
	if (r->res.file_fd > 0)
		res = MHD_create_response_from_fd(r->res.file_size, r->res.file_fd);
	else if (r->res.static_body)
		res = MHD_create_response_from_buffer(r->res.static_len, (void *)r->res.static_body, MHD_RESPMEM_PERSISTENT);
	else
		res = MHD_create_response_from_buffer(r->res.body.len, r->res.body.data ? r->res.body.data : (void *)"",
						      MHD_RESPMEM_MUST_COPY);
	if (!res)
		return MHD_NO;
	MHD_add_response_header(res, "Content-Type", r->res.content_type ? r->res.content_type : "text/plain; charset=utf-8");
	MHD_add_response_header(res, "Content-Security-Policy", security_csp);
	MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(res, "Referrer-Policy", "same-origin");
	MHD_add_response_header(res, "X-Frame-Options", "DENY");
	int has_cache = 0;
	for (size_t i = 0; i < r->res.nheaders; i++) {
		MHD_add_response_header(res, r->res.headers[i].name, r->res.headers[i].value);
		has_cache |= strcasecmp(r->res.headers[i].name, "Cache-Control") == 0;
	}
	if (!has_cache)
		MHD_add_response_header(res, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->res.status, res);
	MHD_destroy_response(res);
	return ret;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct request *r = cls;
	/* libmicrohttpd has decoded the query already; only UTF-8 is checked here. */
	params_add(&r->arena, &r->query, arena_strdup(&r->arena, key), arena_strdup(&r->arena, value ? value : ""));
	return MHD_YES;
}

/* One piece of a multipart form: a field's value, or the file. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	(void)kind;
	(void)transfer_encoding;
	struct request *r = cls;
	if (filename) {
		if (!r->upload.present) {
			r->upload.present = 1;
			r->upload.field = arena_strdup(&r->arena, key);
			r->upload.filename = arena_strdup(&r->arena, filename);
			r->upload.content_type = content_type ? arena_strdup(&r->arena, content_type) : NULL;
		}
		if (strcmp(r->upload.field, key) == 0 && size)
			buf_append(&r->upload.data, data, size);
		return MHD_YES;
	}
	/* A value may come in several pieces: join them. */
	if (off > 0 && r->form.count && strcmp(r->form.items[r->form.count - 1].name, key) == 0) {
		struct param *last = &r->form.items[r->form.count - 1];
		last->value = arena_printf(&r->arena, "%s%.*s", last->value, (int)size, data);
	} else {
		params_add(&r->arena, &r->form, arena_strdup(&r->arena, key), arena_strndup(&r->arena, data, size));
	}
	return MHD_YES;
}

/* Imports and attachments take files: a larger body than forms. */
static int is_upload_path(const char *url)
{
	size_t n = strlen(url);
	return strncmp(url, "/imports", 8) == 0 || (n > 12 && strcmp(url + n - 12, "/attachments") == 0);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct server *srv = cls;
	struct pending *p = *con_cls;
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (!p)
			return MHD_NO;
		*con_cls = p;
		const char *cl = header(c, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > (is_upload_path(url) ? srv->max_upload : srv->max_body))
			p->too_large = 1;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t limit = is_upload_path(url) ? srv->max_upload : srv->max_body;
		if (!p->too_large && p->body.len + *upload_data_size <= limit)
			buf_append(&p->body, upload_data, *upload_data_size);
		else
			p->too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	int64_t started = clock_monotonic_us();
	struct request r;
	memset(&r, 0, sizeof(r));
	r.method = method;
	r.store = srv->store;
	r.loopback = is_loopback(c);
	r.res.status = 200;
	r.content_type = header(c, "Content-Type");
	r.accept_language = header(c, "Accept-Language");
	r.cookie = header(c, "Cookie");
	r.if_none_match = header(c, "If-None-Match");
	r.sec_fetch_site = header(c, "Sec-Fetch-Site");
	r.origin_header = header(c, "Origin");
	r.host = header(c, "Host");
	r.authorization = header(c, "Authorization");
	r.csrf_header = header(c, "X-CSRF-Token");
	r.forwarded_proto = r.loopback ? header(c, "X-Forwarded-Proto") : NULL;
	r.address = client_address(&r.arena, c);
	r.body = p->body.data ? p->body.data : "";
	r.body_len = p->body.len;
	if (p->too_large) {
		r.path = arena_strdup(&r.arena, url);
		r.lang = i18n_negotiate(cookie_get(&r.arena, r.cookie, "lang"), NULL);
		router_error(&r, 413, "body", N_("The request body is too large."));
	} else {
		r.path = arena_strdup(&r.arena, url);
		r.jobs = srv->jobs;
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, &r);
		if (r.content_type && strncasecmp(r.content_type, "multipart/form-data", 19) == 0 && r.body_len) {
			struct MHD_PostProcessor *pp = MHD_create_post_processor(c, 64 * 1024, on_part, &r);
			if (!pp || MHD_post_process(pp, r.body, r.body_len) != MHD_YES) {
				r.lang = i18n_negotiate(cookie_get(&r.arena, r.cookie, "lang"), NULL);
				router_error(&r, 400, "body", N_("The form could not be read."));
			} else {
				router_dispatch(&r);
			}
			if (pp)
				MHD_destroy_post_processor(pp);
		} else {
			router_dispatch(&r);
		}
	}
	store_thread_done(srv->store);
	enum MHD_Result ret = send_response(c, &r);
	if (getenv("PASSERELLE_ACCESS_LOG"))
		fprintf(stderr, "%s %s %d %zu %lldus\n", method, url, r.res.status,
			r.res.static_body ? r.res.static_len : r.res.body.len, (long long)(clock_monotonic_us() - started));
	buf_release(&r.res.body);
	buf_release(&r.upload.data);
	arena_release(&r.arena);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct pending *p = *con_cls;
	if (p) {
		buf_release(&p->body);
		free(p);
		*con_cls = NULL;
	}
}

struct server *server_start(const struct server_config *cfg, struct store *store, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	if (parse_listen(cfg->listen, &ss, &sslen) != 0) {
		snprintf(err, errlen, "cannot understand the listen address \"%s\" (expected ADDR:PORT, e.g. 127.0.0.1:8080)",
			 cfg->listen);
		return NULL;
	}
	struct server *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->store = store;
	s->max_body = cfg->max_body ? cfg->max_body : 1024 * 1024;
	s->max_upload = cfg->max_upload ? cfg->max_upload : (size_t)110 * 1024 * 1024;
	s->jobs = cfg->jobs;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores * 2 : 4);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
				     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				     MHD_OPTION_THREAD_POOL_SIZE, threads,
				     MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout ? cfg->timeout : 30u,
				     MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections ? cfg->max_connections : 512u,
				     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
				     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				     MHD_OPTION_END);
	if (!s->daemon) {
		snprintf(err, errlen, "cannot listen on %s (is the port in use, or the address not on this machine?)",
			 cfg->listen);
		free(s);
		return NULL;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	return s;
}

unsigned server_port(const struct server *s)
{
	return s->port;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	MHD_socket fd = MHD_quiesce_daemon(s->daemon);
	MHD_stop_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	free(s);
}
