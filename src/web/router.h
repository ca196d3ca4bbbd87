/*
 * router.h - from a request's method and path to its handler.
 *
 * The route table (router.c) is the one list of what the server answers:
 * each route has a method, a path pattern and a handler.  An unknown path
 * is a 404; a known path with another method is a 405 with Allow.  Errors
 * are HTML pages for the interface and RFC 9457 problem+json under /api/.
 */
#ifndef PASSERELLE_ROUTER_H
#define PASSERELLE_ROUTER_H

#include <stdint.h>

#include "model/model.h"
#include "model/record.h"
#include "web/http.h"

/* What the pattern matched: a kind (":kind"), an id (":id"), a rest ("*"). */
struct route_match {
	const struct kind *kind;
	int64_t id;
	const char *rest;
};

typedef void route_handler(struct request *r, const struct route_match *m);

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/:kind/:id"; ":code" matches any one segment into rest */
	route_handler *handler;
};

/* The route table, for the router and for the tests that walk it. */
const struct route *router_routes(size_t *count);

void router_dispatch(struct request *r);
/* An error response: problem+json under /api/, an HTML page elsewhere.
 * field may be NULL; msgid is translated. */
void router_error(struct request *r, int status, const char *field, const char *msgid);
/* Field errors: 422 problem+json with an `errors` array (API only). */
void router_problem(struct request *r, int status, const char *title_msgid, const struct field_errors *errors);

/* May this request write?  Until accounts exist, writes come from
 * loopback only, and browser form posts from this site only. */
int router_may_write(struct request *r);

#endif
