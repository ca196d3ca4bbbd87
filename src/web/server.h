/*
 * server.h - the HTTP server: libmicrohttpd in internal thread-pool and
 * epoll mode, with a connection timeout, a per-connection memory limit, a
 * connection limit and a request body limit; every request is routed by
 * router.c.
 */
#ifndef PASSERELLE_SERVER_H
#define PASSERELLE_SERVER_H

#include <stddef.h>

struct store;
struct server;

struct server_config {
	const char *listen;    /* "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80" */
	unsigned threads;      /* 0: two per core */
	size_t max_body;       /* bytes; 0: 1 MiB */
	unsigned timeout;      /* seconds of inactivity before a connection is closed; 0: 30 */
	unsigned max_connections; /* 0: 512 */
	size_t max_upload;     /* bytes, for imports; 0: 110 MiB */
	struct jobs *jobs;     /* the background worker handed to requests */
};

/* Start serving; NULL with a message (port in use, bad address) in err. */
struct server *server_start(const struct server_config *cfg, struct store *store, char *err, size_t errlen);
/* The port actually bound (useful with port 0). */
unsigned server_port(const struct server *s);
/* Stop accepting, let in-flight requests finish, stop the threads. */
void server_stop(struct server *s);

#endif
