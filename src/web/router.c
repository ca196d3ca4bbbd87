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
#include "web/auth_header.h"
#include "web/views.h"

static const struct route routes[] = {
	{"GET", "/healthz", PERM_ANYONE, handle_healthz},
	{"GET", "/static/*", PERM_ANYONE, handle_static},
	{"GET", "/", PERM_ANYONE, handle_home},
	{"GET", "/lang/:code", PERM_ANYONE, handle_lang},
	{"GET", "/login", PERM_ANYONE, auth_login_page},
	{"POST", "/login", PERM_ANYONE, auth_login_post},
	{"POST", "/login/code", PERM_ANYONE, auth_login_code_post},
	{"POST", "/logout", PERM_SIGNED_IN, auth_logout},
	{"GET", "/account", PERM_SIGNED_IN, auth_account_page},
	{"POST", "/account/password", PERM_SIGNED_IN, auth_password_post},
	{"POST", "/account/language", PERM_SIGNED_IN, auth_language_post},
	{"POST", "/account/sessions/end", PERM_SIGNED_IN, auth_sessions_end_post},
	{"GET", "/account/totp", PERM_SIGNED_IN, auth_totp_page},
	{"POST", "/account/totp", PERM_SIGNED_IN, auth_totp_post},
	{"POST", "/account/totp/disable", PERM_SIGNED_IN, auth_totp_disable_post},
	{"POST", "/account/tokens", PERM_SIGNED_IN, auth_token_post},
	{"POST", "/account/tokens/:id/revoke", PERM_SIGNED_IN, auth_token_revoke_post},
	{"POST", "/accounts/:id/password", PERM_ADMIN, auth_reset_password_post},
	{"POST", "/accounts/:id/totp/disable", PERM_ADMIN, auth_reset_totp_post},
	{"GET", "/search", PERM_KIND_READ, view_search},
	{"GET", "/bin", PERM_KIND_DELETE, view_bin},
	{"GET", "/privacy", PERM_ANYONE, gdpr_register_page},
	{"GET", "/people/retention", PERM_KIND_ERASE, gdpr_retention_page},
	{"GET", "/people/:id/data", PERM_KIND_ERASE, gdpr_person_report},
	{"GET", "/people/:id/data.json", PERM_KIND_ERASE, gdpr_person_json},
	{"GET", "/people/:id/erase", PERM_KIND_ERASE, gdpr_erase_confirm},
	{"POST", "/people/:id/erase", PERM_KIND_ERASE, gdpr_erase_post},
	{"GET", "/imports", PERM_KIND_CREATE, view_imports},
	{"POST", "/imports", PERM_KIND_CREATE, view_import_upload},
	{"GET", "/imports/:id", PERM_KIND_CREATE, view_import_show},
	{"GET", "/imports/:id/progress", PERM_KIND_CREATE, view_import_progress},
	{"POST", "/imports/:id/settings", PERM_KIND_CREATE, view_import_settings},
	{"POST", "/imports/:id/mapping", PERM_KIND_CREATE, view_import_mapping},
	{"POST", "/imports/:id/dry-run", PERM_KIND_CREATE, view_import_dry_run},
	{"POST", "/imports/:id/commit", PERM_KIND_CREATE, view_import_commit},
	{"POST", "/imports/:id/cancel", PERM_KIND_CREATE, view_import_cancel},
	{"POST", "/imports/:id/undo", PERM_KIND_CREATE, view_import_undo},
	{"GET", "/duplicates", PERM_KIND_DELETE, view_duplicates},
	{"GET", "/duplicates/merge", PERM_KIND_DELETE, view_merge_form},
	{"POST", "/duplicates/merge", PERM_KIND_DELETE, view_merge_post},
	{"POST", "/merges/:id/undo", PERM_KIND_DELETE, view_merge_undo},
	{"GET", "/api/v1/duplicates", PERM_KIND_DELETE, api_duplicates},
	{"GET", "/api/v1/openapi.json", PERM_ANYONE, api_openapi},
	{"GET", "/api/v1/search", PERM_KIND_READ, api_search},
	{"GET", "/api/v1/territories", PERM_ANYONE, api_ref_list},
	{"GET", "/api/v1/territories/:code", PERM_ANYONE, api_ref_get},
	{"GET", "/api/v1/sectors", PERM_ANYONE, api_ref_list},
	{"GET", "/api/v1/sectors/:code", PERM_ANYONE, api_ref_get},
	{"GET", "/api/v1/sdgs", PERM_ANYONE, api_ref_list},
	{"GET", "/api/v1/sdgs/:code", PERM_ANYONE, api_ref_get},
	{"GET", "/desk", PERM_TEAM, view_desk},
	{"GET", "/follow-ups/mine", PERM_TEAM, view_followups_mine},
	{"GET", "/follow-ups/overdue", PERM_TEAM, view_followups_overdue},
	{"GET", "/roadmap", PERM_TEAM, view_roadmap},
	{"GET", "/calendar", PERM_TEAM, view_calendar},
	{"POST", "/calendar/feeds", PERM_TEAM, view_calendar_feed_create},
	{"POST", "/calendar/feeds/:id/revoke", PERM_TEAM, view_calendar_feed_revoke},
	{"GET", "/calendar/feed/:code", PERM_ANYONE, view_calendar_feed},
	{"GET", "/interactions/:id/ics", PERM_KIND_READ, view_interaction_ics},
	{"GET", "/notes/:id/download/:code", PERM_KIND_READ, view_note_download},
	{"GET", "/attachments/:id", PERM_TEAM, view_attachment_download},
	{"POST", "/attachments/:id/delete", PERM_TEAM, view_detach},
	{"POST", "/transmissions/:id/acknowledge", PERM_TEAM, view_acknowledge},
	{"GET", "/api/v1/suggest/:kind", PERM_SIGNED_IN, api_suggest},
	{"GET", "/api/v1/:kind/:id/steps", PERM_TEAM, api_steps},
	{"POST", "/api/v1/:kind/:id/transitions/:code", PERM_TEAM, api_transition},
	{"GET", "/api/v1/:kind/:id/attachments", PERM_TEAM, api_attachments},
	{"POST", "/api/v1/:kind/:id/attachments", PERM_KIND_UPDATE, api_attach},
	{"POST", "/:kind/:id/actions/:code", PERM_TEAM, view_transition},
	{"POST", "/:kind/:id/attachments", PERM_KIND_UPDATE, view_attach},
	{"POST", "/:kind/:id/transmit", PERM_TEAM, view_transmit},
	{"GET", "/api/v1/:kind/export", PERM_KIND_READ, view_export},
	{"GET", "/api/v1/:kind", PERM_KIND_READ, api_list},
	{"POST", "/api/v1/:kind", PERM_KIND_CREATE, api_create},
	{"GET", "/api/v1/:kind/:id", PERM_KIND_READ, api_get},
	{"PATCH", "/api/v1/:kind/:id", PERM_KIND_UPDATE, api_update},
	{"DELETE", "/api/v1/:kind/:id", PERM_KIND_DELETE, api_delete},
	{"GET", "/api/v1/:kind/:id/history", PERM_KIND_HISTORY, api_history},
	{"GET", "/:kind/export", PERM_KIND_READ, view_export},
	{"GET", "/:kind", PERM_KIND_READ, view_list},
	{"POST", "/:kind", PERM_KIND_CREATE, view_create},
	{"GET", "/:kind/new", PERM_KIND_CREATE, view_new},
	{"GET", "/:kind/:id", PERM_KIND_READ, view_show},
	{"POST", "/:kind/:id", PERM_KIND_UPDATE, view_update},
	{"GET", "/:kind/:id/edit", PERM_KIND_UPDATE, view_edit},
	{"GET", "/:kind/:id/delete", PERM_KIND_DELETE, view_delete_confirm},
	{"POST", "/:kind/:id/delete", PERM_KIND_DELETE, view_delete},
	{"POST", "/:kind/:id/restore", PERM_KIND_DELETE, view_restore},
	{"GET", "/:kind/:id/history", PERM_KIND_HISTORY, view_history},
	{"POST", "/:kind/:id/history/:code/restore", PERM_KIND_UPDATE, view_history_restore},
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

int router_same_site(const struct request *r)
{
	if (r->sec_fetch_site)
		return strcmp(r->sec_fetch_site, "same-origin") == 0 || strcmp(r->sec_fetch_site, "none") == 0;
	if (r->origin_header && strcmp(r->origin_header, "null") != 0) {
		/* Origin "http://host:port" must name the host we were asked as. */
		const char *host = strstr(r->origin_header, "://");
		return host && r->host && strcmp(host + 3, r->host) == 0;
	}
	return 1;
}

const char *router_perm_name(enum route_perm perm)
{
	static const char *names[] = {"unset", "anyone", "signed-in", "kind-read", "kind-create", "kind-update",
				      "kind-delete", "kind-history", "kind-erase", "admin", "team"};
	return (unsigned)perm < sizeof(names) / sizeof(*names) ? names[perm] : "unset";
}

int router_allows(const struct request *r, enum route_perm perm, const struct kind *k)
{
	enum role role = r->viewer.role;
	const struct kind *target = k ? k : &model_organization;
	switch (perm) {
	case PERM_ANYONE:
		return 1;
	case PERM_SIGNED_IN:
		return r->signed_in;
	case PERM_KIND_READ:
		return permission_allows(role, target, ACT_READ);
	case PERM_KIND_CREATE:
		return permission_allows(role, target, ACT_CREATE);
	case PERM_KIND_UPDATE:
		return permission_allows(role, target, ACT_UPDATE);
	case PERM_KIND_DELETE:
		return permission_allows(role, target, ACT_DELETE);
	case PERM_KIND_HISTORY:
		return permission_allows(role, target, ACT_HISTORY);
	case PERM_KIND_ERASE:
		return permission_allows(role, k ? k : &model_person, ACT_ERASE);
	case PERM_ADMIN:
		return role == ROLE_ADMIN;
	case PERM_TEAM:
		return r->signed_in && store_viewer_is_team(&r->viewer) && permission_allows(role, target, ACT_READ);
	case PERM_UNSET:
		break;
	}
	return 0;
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

/* Who is asking: an API token (Authorization: Bearer), else a session
 * cookie, else nobody.  A bad token is an error; a stale cookie is
 * forgotten.  0, or -1 after answering. */
static int authenticate(struct request *r)
{
	const char *origin = is_api(r) ? "api" : "web";
	if (r->authorization) {
		char token[160];
		if (auth_bearer_token(r->authorization, token, sizeof(token)) != 0 ||
		    auth_token_account(r->store, &r->arena, token, &r->account) != AUTH_OK) {
			router_error(r, 401, "Authorization", N_("This API token is not valid (revoked, or its account disabled)."));
			response_header(r, "WWW-Authenticate", "Bearer");
			return -1;
		}
		r->signed_in = 1;
		r->via_bearer = 1;
	} else {
		char token[160];
		if (auth_session_cookie(r->cookie, SESSION_COOKIE, token, sizeof(token)) == 0) {
			if (auth_session_account(r->store, &r->arena, token, &r->account, r->csrf) == AUTH_OK) {
				r->signed_in = 1;
				r->session_token = arena_strdup(&r->arena, token);
			} else {
				response_header(r, "Set-Cookie", SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
			}
		}
	}
	if (r->signed_in)
		r->viewer = auth_viewer(&r->account, origin, r->address);
	else
		r->viewer = (struct viewer){.role = ROLE_ANONYMOUS, .origin = origin, .address = r->address};
	return 0;
}

static int is_unsafe(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* A state-changing request with a session cookie must carry the session's
 * token: the form field "csrf" or the header X-CSRF-Token. */
static int csrf_ok(struct request *r)
{
	if (r->via_bearer || !r->signed_in)
		return 1;
	const char *sent = params_get(&r->form, "csrf");
	if (!sent)
		sent = r->csrf_header;
	return sent && crypto_equal(sent, r->csrf);
}

static void refuse(struct request *r, const struct route *route)
{
	if (!r->signed_in) {
		if (is_api(r)) {
			router_error(r, 401, NULL, N_("Sign in first: send an API token (Authorization: Bearer)."));
			response_header(r, "WWW-Authenticate", "Bearer");
		} else if (strcmp(route->method, "GET") == 0) {
			response_redirect(r, arena_printf(&r->arena, "/login?back=%s", url_encode(&r->arena, r->path)));
		} else {
			router_error(r, 401, NULL, N_("Sign in first."));
		}
		return;
	}
	router_error(r, 403, NULL, N_("Your role does not allow this."));
}

void router_dispatch(struct request *r)
{
	size_t bad;
	if (!text_utf8_valid(r->path, strlen(r->path), &bad)) {
		r->lang = LANG_FR;
		router_error(r, 400, "path", N_("The address is not valid UTF-8."));
		return;
	}
	for (size_t i = 0; i < r->query.count; i++) {
		const struct param *p = &r->query.items[i];
		if (!text_utf8_valid(p->name, strlen(p->name), &bad) || !text_utf8_valid(p->value, strlen(p->value), &bad)) {
			r->lang = LANG_FR;
			/* Name the parameter only when its name itself can be shown. */
			router_error(r, 400, text_utf8_valid(p->name, strlen(p->name), &bad) ? p->name : "(parameter name)",
				     N_("A parameter is not valid UTF-8."));
			return;
		}
	}
	/* French unless the user chose otherwise (the lang cookie, ?lang=, or
	 * their account): browsers of French public servants often say en-US. */
	r->lang = i18n_negotiate(cookie_get(&r->arena, r->cookie, "lang"), NULL);
	if (authenticate(r) != 0)
		return;
	enum i18n_lang chosen;
	if (!cookie_get(&r->arena, r->cookie, "lang") && r->signed_in && i18n_parse_code(r->account.language, &chosen) == 0)
		r->lang = chosen;
	const char *explicit = params_get(&r->query, "lang");
	if (explicit && i18n_parse_code(explicit, &chosen) == 0)
		r->lang = chosen;
	const char *allowed[8];
	size_t nallowed = 0;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *route = &routes[i];
		struct route_match m;
		if (!match(route->pattern, r->path, &m, &r->arena))
			continue;
		if (strcmp(route->method, r->method) != 0 &&
		    !(strcmp(r->method, "HEAD") == 0 && strcmp(route->method, "GET") == 0)) {
			int seen = 0;
			for (size_t j = 0; j < nallowed; j++)
				seen |= strcmp(allowed[j], route->method) == 0;
			if (!seen && nallowed < 8)
				allowed[nallowed++] = route->method;
			continue;
		}
		if (!router_allows(r, route->perm, m.kind)) {
			refuse(r, route);
			return;
		}
		if (is_unsafe(r->method)) {
			if (r->content_type && strncmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0) {
				char err[200];
				if (params_parse_form(&r->arena, r->body, r->body_len, &r->form, err, sizeof(err)) != 0) {
					router_error(r, 400, "body", N_("The form could not be read."));
					return;
				}
			}
			if (!r->via_bearer && !router_same_site(r)) {
				router_error(r, 403, NULL, N_("This form was sent from another site."));
				return;
			}
			if (!csrf_ok(r)) {
				router_error(r, 403, "csrf", N_("This form has expired. Go back, reload the page and send it again."));
				return;
			}
		}
		/* A one-time password is changed before anything else. */
		if (r->signed_in && r->account.must_change && !r->via_bearer && route->perm != PERM_ANYONE &&
		    strncmp(r->path, "/account", 8) != 0 && strcmp(r->path, "/logout") != 0) {
			response_redirect(r, "/account?must_change=1");
			return;
		}
		route->handler(r, &m);
		return;
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
