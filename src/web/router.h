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

/* Who may call a route.  Every route says it: a route left PERM_UNSET is
 * refused (and a test walks the table to make sure none is).  The
 * PERM_KIND_* rules ask permission_allows() about the route's kind (the
 * directory's access class when the route has none); which records the
 * caller then sees or may change is the store's decision. */
enum route_perm {
	PERM_UNSET = 0,
	PERM_ANYONE,        /* health, static files, sign-in, language */
	PERM_SIGNED_IN,     /* one's own account */
	PERM_KIND_READ,
	PERM_KIND_CREATE,
	PERM_KIND_UPDATE,
	PERM_KIND_DELETE,
	PERM_KIND_HISTORY,
	PERM_KIND_ERASE,
	PERM_ADMIN,         /* administrators only */
	PERM_TEAM,          /* the team's own accounts (readers and above), not visitors or partners: the desk */
};

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/:kind/:id"; ":code" matches any one segment into rest */
	enum route_perm perm;
	route_handler *handler;
};

/* The name of a rule ("anyone", "kind-read"...), for `passerelle routes`. */
const char *router_perm_name(enum route_perm perm);

/* May the request's viewer call a route with this rule on kind k? */
int router_allows(const struct request *r, enum route_perm perm, const struct kind *k);

/* The route table, for the router and for the tests that walk it. */
const struct route *router_routes(size_t *count);

void router_dispatch(struct request *r);
/* An error response: problem+json under /api/, an HTML page elsewhere.
 * field may be NULL; msgid is translated. */
void router_error(struct request *r, int status, const char *field, const char *msgid);
/* Field errors: 422 problem+json with an `errors` array (API only). */
void router_problem(struct request *r, int status, const char *title_msgid, const struct field_errors *errors);

/* Does a state-changing request from a browser come from this site
 * (Sec-Fetch-Site, else Origin)?  Requests without either header (curl,
 * old browsers) pass; the CSRF token covers them. */
int router_same_site(const struct request *r);

#endif
