/*
 * router.c - the route table and dispatch.  See router.h.
 */
#include "web/router.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/text.h"
#include "web/html.h"
#include "web/views.h"

static const struct route routes[] = {
	{"GET", "/healthz", handle_healthz},
	{"GET", "/static/*", handle_static},
	{"GET", "/", handle_home},
	{"GET", "/lang/:code", handle_lang},
	{"GET", "/search", view_search},
	{"GET", "/bin", view_bin},
	{"GET", "/api/v1/openapi.json", api_openapi},
	{"GET", "/api/v1/search", api_search},
	{"GET", "/api/v1/territories", api_ref_list},
	{"GET", "/api/v1/territories/:code", api_ref_get},
	{"GET", "/api/v1/sectors", api_ref_list},
	{"GET", "/api/v1/sectors/:code", api_ref_get},
	{"GET", "/api/v1/sdgs", api_ref_list},
	{"GET", "/api/v1/sdgs/:code", api_ref_get},
	{"GET", "/api/v1/:kind", api_list},
	{"POST", "/api/v1/:kind", api_create},
	{"GET", "/api/v1/:kind/:id", api_get},
	{"PATCH", "/api/v1/:kind/:id", api_update},
	{"DELETE", "/api/v1/:kind/:id", api_delete},
	{"GET", "/:kind", view_list},
	{"POST", "/:kind", view_create},
	{"GET", "/:kind/new", view_new},
	{"GET", "/:kind/:id", view_show},
	{"POST", "/:kind/:id", view_update},
	{"GET", "/:kind/:id/edit", view_edit},
	{"GET", "/:kind/:id/delete", view_delete_confirm},
	{"POST", "/:kind/:id/delete", view_delete},
	{"POST", "/:kind/:id/restore", view_restore},
};

const struct route *router_routes(size_t *count)
{
	*count = sizeof(routes) / sizeof(routes[0]);
	return routes;
}

static int is_api(const struct request *r)
{
	return r->path && strncmp(r->path, "/api/", 5) == 0;
}

/* Does path match pattern?  Fills m. */
static int match(const char *pattern, const char *path, struct route_match *m, struct arena *a)
{
	memset(m, 0, sizeof(*m));
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return 0;
		p++;
		s++;
		size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
		if (plen == 1 && *p == '*') {
			m->rest = arena_strdup(a, s);
			return *s != '\0';
		}
		if (plen == 5 && strncmp(p, ":kind", 5) == 0) {
			char *seg = arena_strndup(a, s, slen);
			m->kind = model_kind_by_plural(seg);
			if (!m->kind)
				return 0;
		} else if (plen == 3 && strncmp(p, ":id", 3) == 0) {
			if (slen == 0 || slen > 18)
				return 0;
			for (size_t i = 0; i < slen; i++)
				if (s[i] < '0' || s[i] > '9')
					return 0;
			m->id = strtoll(s, NULL, 10);
			if (m->id <= 0)
				return 0;
		} else if (plen == 5 && strncmp(p, ":code", 5) == 0) {
			if (slen == 0)
				return 0;
			m->rest = arena_strndup(a, s, slen);
		} else if (plen != slen || strncmp(p, s, plen) != 0) {
			return 0;
		}
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0';
}

int router_may_write(struct request *r)
{
	if (!r->loopback)
		return 0;
	/* A browser tells where a form post comes from: only this site. */
	if (r->sec_fetch_site && strcmp(r->sec_fetch_site, "same-origin") != 0 && strcmp(r->sec_fetch_site, "none") != 0)
		return 0;
	return 1;
}

void router_problem(struct request *r, int status, const char *title_msgid, const struct field_errors *errors)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string("about:blank"));
	json_object_set_new(o, "title", json_string(message_format(&r->arena, r->lang, title_msgid, NULL)));
	json_object_set_new(o, "status", json_integer(status));
	json_t *list = json_array();
	for (size_t i = 0; errors && i < errors->count; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "field", json_string(errors->items[i].field));
		const char *msg = message_format(&r->arena, r->lang, errors->items[i].message, errors->items[i].detail);
		json_object_set_new(e, "message", json_string(msg));
		json_array_append_new(list, e);
	}
	json_object_set_new(o, "errors", list);
	if (errors && errors->count) {
		const char *first = message_format(&r->arena, r->lang, errors->items[0].message, errors->items[0].detail);
		json_object_set_new(o, "detail", json_string(errors->items[0].field[0]
			? arena_printf(&r->arena, "%s: %s", errors->items[0].field, first) : first));
	}
	char *text = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	r->res.status = status;
	r->res.content_type = "application/problem+json";
	buf_reset(&r->res.body);
	buf_puts(&r->res.body, text ? text : "{}");
	free(text);
}

void router_error(struct request *r, int status, const char *field, const char *msgid)
{
	if (is_api(r) || !r->path) {
		struct field_errors e;
		field_errors_init(&e, &r->arena);
		field_errors_add(&e, field ? field : "", msgid, NULL);
		router_problem(r, status, msgid, &e);
		return;
	}
	view_error_page(r, status, msgid);
}

void router_dispatch(struct request *r)
{
	/* French unless the user chose otherwise (the lang cookie, or ?lang=):
	 * browsers of French public servants often say en-US. */
	r->lang = i18n_negotiate(cookie_get(&r->arena, r->cookie, "lang"), NULL);
	const char *explicit = params_get(&r->query, "lang");
	enum i18n_lang chosen;
	if (explicit && i18n_parse_code(explicit, &chosen) == 0)
		r->lang = chosen;
	size_t bad;
	if (!text_utf8_valid(r->path, strlen(r->path), &bad)) {
		router_error(r, 400, "path", N_("The address is not valid UTF-8."));
		return;
	}
	for (size_t i = 0; i < r->query.count; i++) {
		const struct param *p = &r->query.items[i];
		if (!text_utf8_valid(p->name, strlen(p->name), &bad) || !text_utf8_valid(p->value, strlen(p->value), &bad)) {
			router_error(r, 400, p->name, N_("A parameter is not valid UTF-8."));
			return;
		}
	}
	const char *allowed[8];
	size_t nallowed = 0;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		struct route_match m;
		if (!match(routes[i].pattern, r->path, &m, &r->arena))
			continue;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			routes[i].handler(r, &m);
			return;
		}
		int seen = 0;
		for (size_t j = 0; j < nallowed; j++)
			seen |= strcmp(allowed[j], routes[i].method) == 0;
		if (!seen && nallowed < 8)
			allowed[nallowed++] = routes[i].method;
	}
	if (nallowed) {
		struct buf allow = BUF_INIT;
		for (size_t j = 0; j < nallowed; j++)
			buf_printf(&allow, "%s%s", j ? ", " : "", allowed[j]);
		router_error(r, 405, NULL, N_("This method is not allowed here."));
		response_header(r, "Allow", buf_str(&allow));
		buf_release(&allow);
		return;
	}
	router_error(r, 404, NULL, N_("Page not found."));
}
