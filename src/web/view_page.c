/*
 * view_page.c - the page layout, error pages, health check, static files
 * and the language switch.
 */
#include "web/views.h"

#include "base/text.h"

#include <stdio.h>
#include <string.h>

#include "base/embedded.h"

struct html page_writer(struct request *r)
{
	struct html h = {.out = &r->res.body, .arena = &r->arena, .lang = r->lang};
	return h;
}

void post_form_open(struct html *h, const struct request *r, const char *action, const char *css_class)
{
	/* The server checks every value and says what is wrong in the page's
	 * language; the browser's own checks would speak the browser's. */
	html_raw(h, "<form method=\"post\" novalidate");
	html_attr_url(h, "action", action);
	html_attr(h, "class", css_class);
	html_raw(h, "><input type=\"hidden\" name=\"csrf\"");
	html_attr(h, "value", r->csrf);
	html_raw(h, ">");
}

void table_open(struct html *h, const char *css_class, const char *const *headings, size_t count)
{
	html_raw(h, "<table");
	html_attr(h, "class", css_class);
	html_raw(h, "><thead><tr>");
	for (size_t i = 0; i < count; i++) {
		html_raw(h, "<th scope=\"col\">");
		html_t(h, headings[i]);
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead><tbody>");
}

void view_store_failure(struct request *r, int rc)
{
	if (rc == STORE_FORBIDDEN)
		router_error(r, 403, NULL, N_("Your role does not allow this."));
	else if (rc == STORE_NOT_FOUND)
		router_error(r, 404, NULL, N_("There is no such record, or you may not see it."));
	else if (rc == STORE_CONFLICT)
		router_error(r, 409, NULL, N_("Not possible in the record's present state."));
	else
		router_error(r, 500, NULL, N_("The database could not answer. Try again."));
}

/* A link of the main navigation; the administrative ones (admin set)
 * are grouped at its end in smaller type. */
static void nav_link(struct html *h, struct request *r, const char *href, const char *msgid, int admin)
{
	if (admin)
		html_raw(h, "<li class=\"admin\"><a");
	else
		html_raw(h, "<li><a");
	html_attr_url(h, "href", href);
	if (r->path && strncmp(r->path, href, strlen(href)) == 0)
		html_raw(h, " aria-current=\"page\"");
	html_raw(h, ">");
	html_t(h, msgid);
	html_raw(h, "</a></li>");
}

void page_begin(struct html *h, struct request *r, const char *title)
{
	r->res.content_type = "text/html; charset=utf-8";
	html_raw(h, "<!DOCTYPE html>\n<html");
	html_attr(h, "lang", i18n_code(r->lang));
	html_raw(h, "><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>");
	html_text(h, title);
	html_raw(h, " · Passerelle</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
		    "<script src=\"/static/app.js\" defer></script></head><body>"
		    "<a class=\"skip\" href=\"#main\">");
	html_t(h, N_("Skip to content"));
	html_raw(h, "</a><header class=\"top\"><a class=\"brand\" href=\"/\">Passerelle</a>"
		    "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">"
		    "<label for=\"q\" class=\"visually-hidden\">");
	html_t(h, N_("Search organisations and people"));
	html_raw(h, "</label><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" data-suggest=\"/api/v1/search\"");
	html_attr(h, "placeholder", T(h, N_("Search: name, acronym, email…")));
	html_attr(h, "value", r->path && strcmp(r->path, "/search") == 0 ? params_get(&r->query, "q") : NULL);
	html_raw(h, "><button type=\"submit\">");
	html_t(h, N_("Search"));
	html_raw(h, "</button><ul class=\"suggestions\" role=\"listbox\" hidden></ul></form>"
		    "<nav class=\"langs\"");
	html_attr(h, "aria-label", T(h, N_("Language")));
	html_raw(h, "><ul>");
	static const char *codes[] = {"fr", "en", "es"};
	static const char *names[] = {"Français", "English", "Español"};
	for (int i = 0; i < LANG_COUNT; i++) {
		html_raw(h, "<li><a");
		html_attr_url(h, "href", arena_printf(h->arena, "/lang/%s?back=%s", codes[i], url_encode(h->arena, r->path ? r->path : "/")));
		html_attr(h, "lang", codes[i]);
		if ((int)r->lang == i)
			html_raw(h, " aria-current=\"true\"");
		html_raw(h, ">");
		html_text(h, names[i]);
		html_raw(h, "</a></li>");
	}
	html_raw(h, "</ul></nav>");
	if (r->signed_in) {
		html_raw(h, "<div class=\"who\"><a href=\"/account\">");
		html_text(h, r->account.display_name);
		html_raw(h, "</a>");
		if (!r->via_bearer) {
			post_form_open(h, r, "/logout", "inline-form");
			html_raw(h, "<button type=\"submit\" class=\"link\">");
			html_t(h, N_("Sign out"));
			html_raw(h, "</button></form>");
		}
		html_raw(h, "</div>");
	} else {
		html_raw(h, "<div class=\"who\"><a");
		html_attr_url(h, "href", arena_printf(h->arena, "/login?back=%s", url_encode(h->arena, r->path ? r->path : "/")));
		html_raw(h, ">");
		html_t(h, N_("Sign in"));
		html_raw(h, "</a></div>");
	}
	html_raw(h, "</header><nav class=\"main\"");
	html_attr(h, "aria-label", T(h, N_("Main")));
	html_raw(h, "><ul>");
	enum role role = r->viewer.role;
	int desk = r->signed_in && role != ROLE_PARTNER;
	if (desk)
		nav_link(h, r, "/desk", N_("My desk"), 0);
	nav_link(h, r, "/organizations", N_("Organisations"), 0);
	nav_link(h, r, "/people", N_("People"), 0);
	if (desk) {
		nav_link(h, r, "/interactions", N_("Interactions"), 0);
		nav_link(h, r, "/follow-ups/mine", N_("Follow-ups"), 0);
		nav_link(h, r, "/notes", N_("Notes"), 0);
		nav_link(h, r, "/documents", N_("Register"), 0);
		nav_link(h, r, "/roadmap", N_("Roadmap"), 0);
		nav_link(h, r, "/working-groups", N_("Working groups"), 0);
		nav_link(h, r, "/calendar", N_("Calendars"), 0);
	}
	if (permission_allows(role, &model_organization, ACT_CREATE) && role != ROLE_PARTNER)
		nav_link(h, r, "/imports", N_("Imports"), 1);
	if (permission_allows(role, &model_organization, ACT_DELETE))
		nav_link(h, r, "/duplicates", N_("Duplicates"), 1);
	if (permission_allows(role, &model_organization, ACT_DELETE))
		nav_link(h, r, "/bin", N_("Bin"), 1);
	if (permission_allows(role, &model_person, ACT_ERASE))
		nav_link(h, r, "/people/retention", N_("Retention review"), 1);
	if (permission_allows(role, &model_account, ACT_READ)) {
		nav_link(h, r, "/accounts", N_("Accounts"), 1);
		nav_link(h, r, "/teams", N_("Teams"), 1);
	}
	html_raw(h, "</ul></nav><main id=\"main\">");
}

void page_end(struct html *h, struct request *r)
{
	(void)r;
	html_raw(h, "</main><footer><p>Passerelle · ");
	html_t(h, N_("Free software for cooperation networks and the social and solidarity economy."));
	html_raw(h, " <a href=\"/privacy\">");
	html_t(h, N_("Personal data"));
	html_raw(h, "</a> · <a href=\"/api/v1/openapi.json\">API</a></p></footer></body></html>\n");
}

void view_error_page(struct request *r, int status, const char *msgid)
{
	buf_reset(&r->res.body);
	r->res.status = status;
	struct html h = page_writer(r);
	const char *title = T(&h, status == 404 ? N_("Not found") : status == 403 ? N_("Not allowed") : N_("Something is wrong"));
	page_begin(&h, r, title);
	html_raw(&h, "<h1>");
	html_text(&h, title);
	html_raw(&h, "</h1><p class=\"error-text\">");
	html_t(&h, msgid);
	html_raw(&h, "</p><p><a href=\"/\">");
	html_t(&h, N_("Back to the directory"));
	html_raw(&h, "</a></p>");
	page_end(&h, r);
}

void handle_healthz(struct request *r, const struct route_match *m)
{
	(void)m;
	if (store_healthy(r->store))
		response_text(r, 200, "ok\n");
	else
		response_text(r, 503, "database not ready\n");
}

void handle_home(struct request *r, const struct route_match *m)
{
	(void)m;
	/* The team's members start at their desk; visitors and partners at the
	 * directory. */
	response_redirect(r, r->signed_in && r->viewer.role != ROLE_PARTNER ? "/desk" : "/organizations");
}

void handle_lang(struct request *r, const struct route_match *m)
{
	enum i18n_lang lang;
	if (i18n_parse_code(m->rest, &lang) != 0) {
		router_error(r, 404, "lang", N_("Page not found."));
		return;
	}
	const char *back = params_get(&r->query, "back");
	if (!back || back[0] != '/' || !html_url_is_safe(back))
		back = "/";
	response_header(r, "Set-Cookie", arena_printf(&r->arena, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", i18n_code(lang)));
	response_redirect(r, back);
}

static const char *content_type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

void handle_static(struct request *r, const struct route_match *m)
{
	char name[200];
	if (strstr(m->rest, "..") || snprintf(name, sizeof(name), "web/%s", m->rest) >= (int)sizeof(name)) {
		router_error(r, 404, NULL, N_("Page not found."));
		return;
	}
	const struct embedded_file *f = embedded_find(name);
	if (!f) {
		router_error(r, 404, NULL, N_("Page not found."));
		return;
	}
	/* The ETag is the version and the size: assets change with releases. */
	unsigned long hash = 5381;
	for (size_t i = 0; i < f->size; i++)
		hash = hash * 33 + f->data[i];
	const char *etag = arena_printf(&r->arena, "\"%lx\"", hash);
	response_header(r, "ETag", etag);
	response_header(r, "Cache-Control", "public, max-age=3600");
	if (r->if_none_match && strcmp(r->if_none_match, etag) == 0) {
		r->res.status = 304;
		return;
	}
	r->res.content_type = content_type_of(name);
	r->res.static_body = f->data;
	r->res.static_len = f->size;
}

const char *content_disposition(struct request *r, const char *filename)
{
	/* RFC 6266: the UTF-8 name percent-encoded, and for old clients an
	 * ASCII fallback with each accented letter folded ("Ébène" → "ebene")
	 * and what remains outside ASCII replaced. */
	const char *name = filename && *filename ? filename : "file";
	struct buf fb = BUF_INIT;
	for (size_t i = 0, n = strlen(name); i < n;) {
		unsigned char c = (unsigned char)name[i];
		size_t len = c < 0x80 ? 1 : text_utf8_seq((const unsigned char *)name + i, n - i);
		if (len == 0)
			len = 1;
		const char *one = len == 1 ? NULL : text_fold(&r->arena, arena_strndup(&r->arena, name + i, len));
		if (len == 1)
			buf_putc(&fb, c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == ';' ? '_' : (char)c);
		else if (one && strlen(one) == 1 && (unsigned char)one[0] < 0x7f && one[0] > 0x20)
			buf_putc(&fb, one[0]);
		else
			buf_putc(&fb, '_');
		i += len;
	}
	char *ascii = arena_strdup(&r->arena, buf_str(&fb));
	buf_release(&fb);
	struct buf b = BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *out = arena_printf(&r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, buf_str(&b));
	buf_release(&b);
	return out;
}
